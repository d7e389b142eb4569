"""Graphene middleware giving each request the modules' DataLoaders, as the assembly does.

The modules' resolvers read `info.context.dataloaders[...]` (location, health facility, insuree and
family loaders, each app's `set_dataloaders`), one fresh set per request so nothing is cached across users.
"""

from django.apps import apps


class DataLoadersMiddleware:
    def resolve(self, next_resolver, root, info, **args):
        request = info.context
        if not hasattr(request, "dataloaders"):
            loaders = {}
            for app in apps.get_app_configs():
                if hasattr(app, "set_dataloaders"):
                    app.set_dataloaders(loaders)
            request.dataloaders = loaders
        return next_resolver(root, info, **args)
