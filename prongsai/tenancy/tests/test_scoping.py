import pytest
from django_scopes import ScopeError, scope

from prongsai.tenancy.models import Department


@pytest.mark.django_db
def test_a_tenant_query_without_an_organization_in_scope_fails_loudly(cast):
    with scope():
        with pytest.raises(ScopeError):
            list(Department.objects.all())


@pytest.mark.django_db
def test_a_scoped_query_sees_only_its_own_organization(cast):
    with scope(organization=cast.org_a):
        names = {(d.organization_id, d.name) for d in Department.objects.all()}
    assert names == {(cast.org_a.id, "สำนักปลัด"), (cast.org_a.id, "กองคลัง")}


@pytest.mark.django_db
def test_an_unknown_organization_slug_gives_a_thai_404(client, cast):
    response = client.get("/no-such-org/staff/")
    assert response.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in response.content.decode()


@pytest.mark.django_db
def test_staff_of_one_organization_get_404_in_another(client_for, cast):
    client = client_for(cast.alice)
    assert client.get("/alpha/staff/").status_code == 200
    assert client.get("/beta/staff/").status_code == 404


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_login(client, cast):
    response = client.get("/alpha/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

