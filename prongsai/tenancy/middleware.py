"""Resolve the organization once per request and run the request inside its query scope.

The organization comes only from the URL (`<org_slug>` in the route), never from a form.
Requests with no organization in their route run with no scope at all, so any tenant-owned
query they make raises ScopeError: forgetting the tenant fails loudly. Operators' admin
pages run with scopes disabled on purpose."""

from django.http import Http404
from django.urls import Resolver404, resolve
from django_scopes import scope, scopes_disabled

from prongsai.ops.context import current_organization_id

from .models import Membership, Organization


class OrganizationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.organization = None
        request.membership = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            with scope():
                return self.get_response(request)
        if match.app_name == "admin" or match.namespace == "admin":
            with scopes_disabled():
                return self.get_response(request)
        slug = match.kwargs.get("org_slug")
        if slug is None:
            # An active scope with no organization: any tenant-owned query raises ScopeError.
            with scope():
                return self.get_response(request)
        organization = Organization.objects.filter(slug=slug, is_active=True).first()
        if organization is None:
            # Rendered by handler404 in Thai; the same answer as for any other unknown page.
            from django.views.defaults import page_not_found

            return page_not_found(request, Http404())
        request.organization = organization
        # The cache key function and JSON logs read the organization from this context var.
        token = current_organization_id.set(organization.pk)
        try:
            return self._serve(request, organization)
        finally:
            current_organization_id.reset(token)

    def _serve(self, request, organization):
        with scope(organization=organization):
            if request.user.is_authenticated:
                request.membership = (
                    Membership.objects.filter(user=request.user, is_active=True).select_related("department").first()
                )
            return self.get_response(request)
