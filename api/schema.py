"""OpenAPI post-processing: filter parameters under their public JSON:API names (`filter[chfId.in]`)."""
import re

from .query import camel

FILTER = re.compile(r"^filter\[(\w+)\]$")


def public_name(name):
    match = FILTER.match(name)
    if not match or match.group(1) == "search":
        return name
    field, *lookups = match.group(1).split("__")
    return f"filter[{'.'.join([camel(field), *lookups])}]"


def camelize_filter_parameters(result, generator, request, public):
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    parameter["name"] = public_name(parameter["name"])
    return result
