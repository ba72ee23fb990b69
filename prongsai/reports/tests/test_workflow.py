"""Approval chain, permissions, numbering, publication, versions."""

from __future__ import annotations

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from prongsai.ita.models import Framework
from prongsai.measures import services as measures
from prongsai.reports import services
from prongsai.reports.models import Document, DocumentStep, Kind
from prongsai.reports.oit import oit_links
from prongsai.tenancy.models import Membership
from prongsai.testing.factories import MembershipFactory, UserFactory

from .conftest import docx_sections, issue_through_chain, pdf_text

pytestmark = pytest.mark.django_db
Status = Document.Status


def url(name, org="alpha", **kwargs):
    return reverse(f"reports:{name}", kwargs={"org_slug": org, **kwargs})


def test_states_draft_submitted_approved_per_level_issued(cast, chain, round_doc):
    assert round_doc.status == Status.DRAFT
    services.document_submit(document=round_doc, acting_user=cast.alice, comment="เสนอเพื่อทราบ")
    round_doc.refresh_from_db()
    assert round_doc.status == Status.SUBMITTED and round_doc.level == 0
    for index, user in enumerate(chain["approvers"]):
        services.document_decide(document=round_doc, acting_user=user, approve=True, comment=f"ระดับ {index}")
        round_doc.refresh_from_db()
    assert round_doc.status == Status.APPROVED
    steps = list(round_doc.steps.all())
    assert [s.action for s in steps] == ["create", "submit", "approve", "approve", "approve"]
    assert [s.user for s in steps[2:]] == chain["approvers"]
    assert all(s.at for s in steps) and steps[1].comment == "เสนอเพื่อทราบ"
    services.document_issue(document=round_doc, acting_user=cast.alice)
    round_doc.refresh_from_db()
    assert round_doc.status == Status.ISSUED and round_doc.number == 1 and round_doc.doc_date is not None
    assert round_doc.pdf.read().startswith(b"%PDF") and round_doc.docx.name.endswith(".docx")


def test_wrong_level_approver_is_refused_and_order_is_enforced(cast, chain, round_doc):
    services.document_submit(document=round_doc, acting_user=cast.alice)
    dave = chain["approvers"][1]
    with pytest.raises(PermissionDenied):
        services.document_decide(document=round_doc, acting_user=dave, approve=True)
    with pytest.raises(PermissionDenied):  # department staff, even when asked directly
        services.document_decide(document=round_doc, acting_user=cast.bob, approve=True)


def test_return_needs_a_comment_and_restarts_the_chain(cast, chain, round_doc):
    services.document_submit(document=round_doc, acting_user=cast.alice)
    services.document_decide(document=round_doc, acting_user=cast.carol, approve=True)
    dave = chain["approvers"][1]
    with pytest.raises(ValidationError):
        services.document_decide(document=round_doc, acting_user=dave, approve=False, comment="")
    services.document_decide(document=round_doc, acting_user=dave, approve=False, comment="แก้ชื่อเรื่อง")
    round_doc.refresh_from_db()
    assert round_doc.status == Status.RETURNED
    step = round_doc.steps.get(action=DocumentStep.Action.RETURN)
    assert step.user == dave and step.comment == "แก้ชื่อเรื่อง"
    services.document_submit(document=round_doc, acting_user=cast.alice)
    with pytest.raises(PermissionDenied):  # back to the first level
        services.document_decide(document=round_doc, acting_user=dave, approve=True)


def test_issue_refused_before_approval_and_with_open_findings(cast, chain, round_doc, plan):
    with pytest.raises(ValidationError):
        services.document_issue(document=round_doc, acting_user=cast.alice)
    result = plan.rounds.get(number=1).results.first()
    result.result = ""
    result.save()
    services.document_submit(document=round_doc, acting_user=cast.alice)
    for user in chain["approvers"]:
        services.document_decide(document=round_doc, acting_user=user, approve=True)
    with pytest.raises(ValidationError) as exc:
        services.document_issue(document=round_doc, acting_user=cast.alice)
    assert "ยังไม่มีผลการดำเนินงาน" in str(exc.value)
    services.document_issue(document=round_doc, acting_user=cast.alice, acknowledge=True)
    assert Document.objects.get(pk=round_doc.pk).status == Status.ISSUED


def test_department_staff_cannot_approve_403(cast, chain, round_doc, client_for):
    services.document_submit(document=round_doc, acting_user=cast.alice)
    response = client_for(cast.bob).post(url("decide", pk=round_doc.pk), {"decision": "approve"})
    assert response.status_code == 403
    assert Document.objects.get(pk=round_doc.pk).level == 0


def test_executive_of_another_org_gets_404(cast, chain, round_doc, client):
    outsider = UserFactory(username="oscar")
    MembershipFactory(organization=cast.org_b, user=outsider, role=Membership.Role.EXECUTIVE)
    services.document_submit(document=round_doc, acting_user=cast.alice)
    client.force_login(outsider, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(url("decide", pk=round_doc.pk), {"decision": "approve"}).status_code == 404
    assert client.get(url("detail", pk=round_doc.pk)).status_code == 404
    # …and under its own organization's address the document does not exist.
    assert client.post(url("decide", org="beta", pk=round_doc.pk), {"decision": "approve"}).status_code == 404


def test_approval_through_the_pages(cast, chain, round_doc, client_for):
    c = client_for(cast.alice)
    assert c.get(url("detail", pk=round_doc.pk)).status_code == 200
    assert c.get(url("preview", pk=round_doc.pk, fmt="pdf"))["Content-Type"] == "application/pdf"
    c.post(url("submit", pk=round_doc.pk))
    for user in chain["approvers"]:
        page = client_for(user).get(url("detail", pk=round_doc.pk))
        assert "อนุมัติ" in page.content.decode()
        assert client_for(user).post(url("decide", pk=round_doc.pk), {"decision": "approve"}).status_code == 302
    assert client_for(cast.alice).post(url("issue", pk=round_doc.pk), {"acknowledge": "1"}).status_code == 302
    assert Document.objects.get(pk=round_doc.pk).status == Status.ISSUED


def test_running_number_per_organization_and_year(cast, chain, plan, round_doc):
    issue_through_chain(round_doc, cast, chain, acknowledge=True)
    second = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.PLAN, plan=plan)
    issue_through_chain(second, cast, chain, acknowledge=True)
    assert [Document.objects.get(pk=d.pk).number for d in (round_doc, second)] == [1, 2]


def test_publication_url_signal_and_oit_links(cast, chain, plan, round_doc, client, django_capture_on_commit_callbacks):
    from prongsai.core.signals import public_content_changed

    public = url("public_file", pk=round_doc.pk, fmt="pdf")
    assert client.get(public).status_code == 404  # a draft is not published
    received = []

    def listener(**kwargs):
        received.append(kwargs)

    public_content_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            issue_through_chain(round_doc, cast, chain, acknowledge=True)
    finally:
        public_content_changed.disconnect(listener)
    assert received and received[0]["source"] == "reports.document" and received[0]["object_id"] == round_doc.pk
    response = client.get(public)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert client.get(url("public_file", pk=round_doc.pk, fmt="docx")).status_code == 200
    assert client.get(url("public_file", org="beta", pk=round_doc.pk, fmt="pdf")).status_code == 404
    links = oit_links(organization=cast.org_a, framework=Framework.objects.get(fiscal_year=2566))
    assert [(link["item_code"], link["url"]) for link in links] == [("O43", public)]
    assert links[0]["published_at"] is not None
    assert oit_links(organization=cast.org_b, framework=Framework.objects.get(fiscal_year=2566)) == []
    from prongsai.reports.search import document

    doc = document(organization=cast.org_a, source="reports.document", object_id=round_doc.pk)
    assert doc["url"] == public and "การปฏิบัติหน้าที่" in doc["body_text"]


def test_plan_announcement_is_listed_under_o42(cast, chain, plan):
    ann = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.PLAN, plan=plan)
    issue_through_chain(ann, cast, chain, acknowledge=True)
    links = oit_links(organization=cast.org_a, framework=Framework.objects.get(fiscal_year=2566))
    assert [link["item_code"] for link in links] == ["O42"]


def test_editing_the_plan_after_issue_makes_a_new_version(cast, chain, plan, round_doc):
    issued = issue_through_chain(round_doc, cast, chain, acknowledge=True)
    pdf_before = hashlib.sha256(issued.pdf.read()).hexdigest()
    issue = plan.issues.get(title="ข้อมูลการติดต่อ")
    measures.issue_save(issue=issue, acting_user=cast.alice, instrument=issue.instrument,
                        title="ข้อมูลการติดต่อของหน่วยงาน", due_date=issue.due_date,
                        departments=list(issue.departments.all()), methods=[m.text for m in issue.methods.all()],
                        follow_up=[f.text for f in issue.follow_ups.all()], oit_item=issue.oit_item)
    assert services.is_stale(issued)
    with pytest.raises(ValidationError):
        services.document_submit(document=issued, acting_user=cast.alice)  # issued is immutable
    v2 = services.document_new_version(document=issued, acting_user=cast.alice)
    assert v2.version == 2 and v2.status == Status.DRAFT
    issued.refresh_from_db()
    assert hashlib.sha256(issued.pdf.read()).hexdigest() == pdf_before
    with open(issued.pdf.path, "rb") as fh:
        assert "ข้อมูลการติดต่อของหน่วยงาน" not in pdf_text(fh.read())
    issue_through_chain(v2, cast, chain, acknowledge=True)
    v2.refresh_from_db()
    text, _ = docx_sections(v2.docx.read())
    assert "ข้อมูลการติดต่อของหน่วยงาน" in text and v2.number == 2
    with pytest.raises(ValidationError):  # one open draft at a time
        services.document_new_version(document=v2, acting_user=cast.alice)
        services.document_new_version(document=v2, acting_user=cast.alice)


def test_content_frozen_at_submit(cast, chain, plan, round_doc):
    services.document_submit(document=round_doc, acting_user=cast.alice)
    issue = plan.issues.get(title="E-Service")
    issue.title = "บริการอิเล็กทรอนิกส์"
    issue.save()
    for user in chain["approvers"]:
        services.document_decide(document=round_doc, acting_user=user, approve=True)
    round_doc.refresh_from_db()
    services.document_issue(document=round_doc, acting_user=cast.alice, acknowledge=True)
    text = pdf_text(Document.objects.get(pk=round_doc.pk).pdf.read())
    assert "E-Service" in text and "บริการอิเล็กทรอนิกส์" not in text


def test_viewer_and_staff_pages(cast, chain, round_doc, client_for):
    assert client_for(cast.victor).get(url("list")).status_code == 200
    assert client_for(cast.victor).post(url("submit", pk=round_doc.pk)).status_code == 403
    assert client_for(cast.bob).get(url("list")).status_code == 403
    page = client_for(cast.alice).get(url("list")).content.decode()
    assert "เอกสารรายงาน" in page


def test_chain_default_and_validation(cast):
    levels = services.chain_default(organization=cast.org_a)
    assert [lv.title for lv in levels] == ["หัวหน้าสำนักงานปลัด", cast.org_a.clerk_title, cast.org_a.chief_title]
    with pytest.raises(ValidationError):
        services.chain_save(organization=cast.org_a, acting_user=cast.admin_a, levels=[("หัวหน้า", cast.bob)])
    with pytest.raises(ValidationError):
        services.chain_save(organization=cast.org_a, acting_user=cast.admin_a, levels=[])


def test_organization_emblem_and_docx_publication_setting(cast, chain, round_doc, client_for, client):
    import io

    from PIL import Image

    from prongsai.reports.garuda import emblem_path

    buf = io.BytesIO()
    Image.new("RGB", (300, 400), (200, 0, 0)).save(buf, "JPEG")
    c = client_for(cast.alice)
    address = url("settings")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = c.post(address, {"emblem": SimpleUploadedFile("crest.jpg", buf.getvalue()), "publish_docx": ""})
    assert response.status_code == 302
    own = emblem_path(cast.org_a)
    assert own.name.endswith(".png") and Image.open(own).size == (300, 400)
    assert emblem_path(cast.org_b) != own
    bad = c.post(address, {"emblem": SimpleUploadedFile("crest.png", b"GIF89a not really"), "publish_docx": "on"})
    assert bad.status_code == 400
    issue_through_chain(round_doc, cast, chain, acknowledge=True)
    assert client.get(url("public_file", pk=round_doc.pk, fmt="docx")).status_code == 404
    assert client.get(url("public_file", pk=round_doc.pk, fmt="pdf")).status_code == 200
    assert client_for(cast.bob).get(address).status_code == 403


def test_json_api_lists_issued_documents_only(cast, chain, plan, round_doc, client):
    draft = services.document_create(organization=cast.org_a, acting_user=cast.alice, kind=Kind.PLAN, plan=plan)
    issue_through_chain(round_doc, cast, chain, acknowledge=True)
    data = client.get("/api/v1/organizations/alpha/reports/").json()
    assert [(d["id"], d["kind"], d["round"], d["number"]) for d in data] == [(round_doc.pk, "round", 1, 1)]
    assert data[0]["pdf_url"] == url("public_file", pk=round_doc.pk, fmt="pdf")
    assert draft.pk not in [d["id"] for d in data]
    assert client.get("/api/v1/organizations/beta/reports/").json() == []
    assert client.get("/api/v1/organizations/nowhere/reports/").status_code == 404


def test_editing_the_plan_after_issue_opens_a_new_version_automatically(cast, chain, plan, round_doc,
                                                                         django_capture_on_commit_callbacks):
    issue_through_chain(round_doc, cast, chain, acknowledge=True)
    issue = plan.issues.get(title="ข้อมูลการติดต่อ")
    with django_capture_on_commit_callbacks(execute=True):
        measures.issue_save(issue=issue, acting_user=cast.alice, instrument=issue.instrument,
                            title="ข้อมูลการติดต่อ (ปรับปรุง)", due_date=issue.due_date,
                            departments=list(issue.departments.all()), methods=[m.text for m in issue.methods.all()],
                            follow_up=[f.text for f in issue.follow_ups.all()], oit_item=issue.oit_item)
    versions = list(Document.objects.filter(kind=Kind.ROUND, plan=plan).order_by("version"))
    assert [(d.version, d.status) for d in versions] == [(1, Status.ISSUED), (2, Status.DRAFT)]
    assert "แผนถูกแก้ไข" in versions[1].steps.get(action="create").comment
    # A change that does not touch this document (round 2's results) opens nothing more.
    result = plan.rounds.get(number=2).results.first()
    with django_capture_on_commit_callbacks(execute=True):
        measures.round_result_update(result=result, acting_user=cast.alice, status=result.status, text="ผลรอบสอง")
    assert Document.objects.filter(kind=Kind.ROUND, plan=plan).count() == 2
