"""Plain JSON and XML answers are the JSON:API documents flattened, so that every format says the same.

A resource object `{type, id, attributes, relationships}` becomes one object: `id`, the attributes under their
JSON:API (camelCase) names and values, and each relationship under its name as its linkage id (to-one: the
id or null; to-many: the list of ids), the same ids as the JSON:API linkage (read through the same gate).
Lists are `{results, links, meta}`; a history a plain array. `include` adds nothing here (no `included`).
"""

PLAIN_FORMATS = ("json", "xml")


def flat(resource):
    values = {"id": resource["id"], **resource.get("attributes", {})}
    for name, relationship in resource.get("relationships", {}).items():
        if "data" not in relationship:  # links only (`history`)
            continue
        linkage = relationship["data"]
        if isinstance(linkage, list):
            values[name] = [item["id"] for item in linkage]
        else:
            values[name] = None if linkage is None else linkage["id"]
    return values


def flattened(document, many, envelope=True):
    """The plain answer for a JSON:API read document (`envelope`: a list as `{results, links, meta}`)."""
    data = document["data"]
    if not many:
        return None if data is None else flat(data)
    results = [flat(resource) for resource in data]
    if not envelope:
        return results
    return {"results": results, **{key: document[key] for key in ("links", "meta") if key in document}}
