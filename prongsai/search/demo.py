"""Demo: index what the apps loaded before this one (portal); apps loaded later index their own
content through `public_content_changed` as their demo services publish it."""

from . import services


def load(ctx):
    for org in (ctx.main, ctx.second):
        services.rebuild(organization=org)
