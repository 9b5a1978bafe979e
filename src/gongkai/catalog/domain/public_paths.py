"""Where an item's public page is: ``/gk/<agency code>/items/<id>/`` (the portal's ``portal:item``), written here
so the catalog does not import the portal, and so a model and a plain row give the same path."""


def public_item_path(agency_code: str, pk: int) -> str:
    return f"/gk/{agency_code}/items/{pk}/"
