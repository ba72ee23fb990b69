"""URLs of the portal app. Mounted under /<org_slug>/ (last of the tenant apps): staff pages
start with "staff/". Only fixed prefixes here — no catch-all that could shadow another app."""

from django.urls import path, register_converter

from .feeds import AtomNewsFeed, NewsFeed
from .sitemap import sitemap
from .views import public, staff


class CategoryConverter:
    regex = "[a-z0-9-]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CategoryConverter, "cat")

app_name = "portal"
urlpatterns = [
    path("", public.home, name="home"),
    path("about/structure/", public.info, {"kind": "structure"}, name="structure"),
    path("about/duties/", public.info, {"kind": "duties"}, name="duties"),
    path("about/laws/", public.info, {"kind": "laws"}, name="laws"),
    path("about/history/", public.info, {"kind": "history"}, name="history"),
    path("about/executives/", public.executives, name="executives"),
    path("contact/", public.contact, name="contact"),
    path("qa/", public.questions, name="questions"),
    path("publications/", public.publications, name="publications"),
    path("publications/<cat:category>/", public.publications, name="category"),
    path("publications/<cat:category>/<int:year>/", public.publications, name="category_year"),
    path("p/<int:pk>/", public.publication, name="publication"),
    path("p/<int:pk>/files/<int:file_pk>/", public.attachment, name="attachment"),
    path("p/<int:pk>/procurement.csv", public.procurement_export, {"fmt": "csv"}, name="procurement_csv"),
    path("p/<int:pk>/procurement.xlsx", public.procurement_export, {"fmt": "xlsx"}, name="procurement_xlsx"),
    path("news/rss/", NewsFeed(), name="feed_rss"),
    path("news/atom/", AtomNewsFeed(), name="feed_atom"),
    path("sitemap.xml", sitemap, name="sitemap"),
    # Staff
    path("staff/site/", staff.dashboard, name="staff_dashboard"),
    path("staff/site/look/", staff.look, name="staff_look"),
    path("staff/site/contact/", staff.contact_edit, name="staff_contact"),
    path("staff/site/executives/", staff.executive_list, name="staff_executives"),
    path("staff/site/executives/new/", staff.executive_edit, name="staff_executive_new"),
    path("staff/site/executives/<int:pk>/", staff.executive_edit, name="staff_executive"),
    path("staff/site/executives/<int:pk>/delete/", staff.executive_delete, name="staff_executive_delete"),
    path("staff/site/pages/<slug:kind>/", staff.page_edit, name="staff_page"),
    path("staff/site/social/", staff.social_list, name="staff_social"),
    path("staff/site/social/<int:pk>/", staff.social_list, name="staff_social_edit"),
    path("staff/site/social/<int:pk>/delete/", staff.social_delete, name="staff_social_delete"),
    path("staff/site/qa/", staff.question_list, name="staff_questions"),
    path("staff/site/qa/new/", staff.question_edit, name="staff_question_new"),
    path("staff/site/qa/<int:pk>/", staff.question_edit, name="staff_question"),
    path("staff/site/qa/<int:pk>/delete/", staff.question_delete, name="staff_question_delete"),
    path("staff/site/categories/", staff.category_list, name="staff_categories"),
    path("staff/site/categories/<cat:category>/", staff.category_edit, name="staff_category"),
    path("staff/publications/", staff.publication_list, name="staff_publications"),
    path("staff/publications/new/", staff.publication_edit, name="staff_publication_new"),
    path("staff/publications/<int:pk>/", staff.publication_edit, name="staff_publication"),
    path("staff/publications/<int:pk>/publish/", staff.publication_publish, name="staff_publication_publish"),
    path("staff/publications/<int:pk>/withdraw/", staff.publication_withdraw, name="staff_publication_withdraw"),
]
