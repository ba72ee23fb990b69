"""Staff pages (create, codes, results) and the respondents' pages of pre-assessment surveys."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prongsai.core.antiabuse import client_ip, rate_limited
from prongsai.ita.models import Indicator
from prongsai.measures import services as measures_services
from prongsai.measures.models import Issue, Plan
from prongsai.tenancy.access import get_owned, staff_view
from prongsai.tenancy.models import Department, Membership

from . import selectors, services
from .forms import AnswerForm, GuardedAnswerForm, SurveyCreateForm
from .models import Survey

Role = Membership.Role
MANAGERS = (Role.ADMIN, Role.COORDINATOR)
READERS = (Role.ADMIN, Role.COORDINATOR, Role.EXECUTIVE)


@staff_view(*READERS)
def survey_list(request, org_slug):
    surveys = Survey.objects.filter(organization=request.organization).select_related("framework")
    form = SurveyCreateForm()
    return render(request, "preassessment/survey_list.html", {"surveys": surveys, "form": form})


@require_POST
@staff_view(*MANAGERS)
def survey_create(request, org_slug):
    form = SurveyCreateForm(request.POST)
    if form.is_valid():
        try:
            survey = services.survey_create(
                organization=request.organization, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)  # a model error may name a field the form lacks
        else:
            messages.success(request, _("สร้างแบบสำรวจแล้ว"))
            return redirect("preassessment:survey_detail", org_slug=org_slug, pk=survey.pk)
    surveys = Survey.objects.filter(organization=request.organization).select_related("framework")
    return render(request, "preassessment/survey_list.html", {"surveys": surveys, "form": form}, status=400)


@staff_view(*READERS)
def survey_detail(request, org_slug, pk):
    survey = get_owned(Survey.objects.select_related("framework"), request, pk=pk)
    invitations = list(selectors.invitation_status(organization=request.organization, survey=survey))
    invited_ids = {i.membership_id for i in invitations}
    uninvited = Membership.objects.filter(organization=request.organization, is_active=True).exclude(pk__in=invited_ids)
    public_url = (
        request.build_absolute_uri(f"/{org_slug}/survey/eit/{survey.public_token}/") if survey.public_token else ""
    )
    return render(
        request,
        "preassessment/survey_detail.html",
        {
            "survey": survey,
            "invitations": invitations,
            "uninvited": uninvited,
            "public_url": public_url,
            "answered": sum(i.answered for i in invitations),
            "questions": survey.questions.all(),
        },
    )


@require_POST
@staff_view(*MANAGERS)
def survey_status(request, org_slug, pk):
    survey = get_owned(Survey, request, pk=pk)
    status = request.POST.get("status")
    if status not in Survey.Status.values:
        raise Http404
    services.survey_set_status(survey=survey, acting_user=request.user, status=status)
    messages.success(request, _("เปลี่ยนสถานะเป็น “%(s)s” แล้ว") % {"s": survey.get_status_display()})
    return redirect("preassessment:survey_detail", org_slug=org_slug, pk=pk)


@require_POST
@staff_view(*MANAGERS)
def survey_codes(request, org_slug, pk):
    """Issue codes for the chosen people (or everyone not yet answered) and show them ONCE."""
    survey = get_owned(Survey, request, pk=pk)
    ids = [i for i in request.POST.getlist("membership") if i.isdigit()]
    members = Membership.objects.filter(organization=request.organization, is_active=True).select_related(
        "user", "department"
    )
    if ids:
        members = members.filter(pk__in=ids)
    try:
        issued = services.invitations_issue(survey=survey, acting_user=request.user, memberships=list(members))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("preassessment:survey_detail", org_slug=org_slug, pk=pk)
    link = request.build_absolute_uri(f"/{org_slug}/survey/iit/{survey.pk}/")
    response = render(request, "preassessment/codes.html", {"survey": survey, "issued": issued, "link": link})
    response["Cache-Control"] = "no-store"
    return response


@staff_view(*READERS)
def survey_results(request, org_slug, pk):
    survey = get_owned(Survey.objects.select_related("framework"), request, pk=pk)
    results = selectors.survey_results(organization=request.organization, survey=survey)
    next_plan = Plan.objects.filter(
        organization=request.organization, fiscal_year=survey.framework.fiscal_year + 1
    ).first()
    answered_numbers = set()
    if next_plan is not None:
        answered_numbers = set(
            Issue.objects.filter(plan=next_plan, indicator__isnull=False).values_list("indicator__number", flat=True)
        )
    return render(
        request,
        "preassessment/results.html",
        {
            "survey": survey,
            "results": results,
            "next_plan": next_plan,
            "answered_numbers": answered_numbers,
            "next_year": survey.framework.fiscal_year + 1,
            "predicted": selectors.predicted_total(organization=request.organization, framework=survey.framework),
        },
    )


@require_POST
@staff_view(*MANAGERS)
def add_issue(request, org_slug, pk, number):
    """Add an issue for a weak indicator to the plan of the next fiscal year."""
    survey = get_owned(Survey.objects.select_related("framework"), request, pk=pk)
    indicator = Indicator.objects.filter(framework=survey.framework, number=number).first()
    if indicator is None:
        raise Http404
    department = request.membership.department or Department.objects.filter(organization=request.organization).first()
    try:
        # The next plan is created when missing (answering this survey's year); a second click adds nothing.
        issue, created = measures_services.issue_add_for_gap(
            organization=request.organization, fiscal_year=survey.framework.fiscal_year + 1,
            answers_year=survey.framework.fiscal_year, acting_user=request.user, title=indicator.title_th,
            departments=[department] if department else [], indicator=indicator,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("preassessment:survey_results", org_slug=org_slug, pk=pk)
    if created:
        messages.success(
            request,
            _("เพิ่มประเด็น “%(t)s” ในแผนปี %(y)s แล้ว กรุณากำหนดวิธีการดำเนินการ") % {"t": issue.title, "y": issue.plan.fiscal_year},
        )
    else:
        messages.info(request, _("แผนปี %(y)s มีประเด็น “%(t)s” อยู่แล้ว") % {"t": issue.title, "y": issue.plan.fiscal_year})
    return redirect("preassessment:survey_results", org_slug=org_slug, pk=pk)


def _answer_page(request, survey, form_class, *, with_code):
    if survey.status != Survey.Status.OPEN:
        return render(
            request,
            "preassessment/closed.html",
            {"survey": survey},
            status=410 if survey.status == Survey.Status.CLOSED else 404,
        )
    done = False
    if request.method == "POST":
        form = form_class(request.POST, survey=survey, with_code=with_code)
        if rate_limited(
            organization=request.organization,
            bucket=f"survey:{survey.pk}",
            ident=client_ip(request),
            limit=30,
            window=3600,
        ):
            form.add_error(None, _("มีการส่งจากเครื่องนี้มากเกินไป กรุณาลองใหม่ภายหลัง"))
        elif form.is_valid():
            if getattr(form, "is_bot", False):
                done = True  # generic acknowledgement, nothing stored
            else:
                try:
                    services.answer_submit(survey=survey, answers=form.answers(), code=form.cleaned_data.get("code"))
                    done = True
                except services.AnswerRefused as exc:
                    form.add_error("code" if with_code else None, exc.message)
                except ValidationError as exc:
                    form.add_error(None, exc)
        if done:
            return render(request, "preassessment/thanks.html", {"survey": survey})
        status = 400
    else:
        form = form_class(survey=survey, with_code=with_code)
        status = 200
    return render(
        request, "preassessment/answer.html", {"survey": survey, "form": form, "with_code": with_code}, status=status
    )


def answer_iit(request, org_slug, pk):
    survey = Survey.objects.filter(organization=request.organization, pk=pk, instrument=Survey.Instrument.IIT).first()
    if survey is None:
        raise Http404
    return _answer_page(request, survey, AnswerForm, with_code=True)


def answer_eit(request, org_slug, token):
    survey = Survey.objects.filter(
        organization=request.organization, public_token=token, instrument=Survey.Instrument.EIT
    ).first()
    if survey is None or not token:
        raise Http404
    return _answer_page(request, survey, GuardedAnswerForm, with_code=False)
