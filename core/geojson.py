"""Just enough GeoJSON checking to keep a malformed boundary out of the database."""

from typing import Any

from django.utils.translation import gettext as _


def _ring_errors(ring: Any) -> list[str]:
    if not isinstance(ring, list) or len(ring) < 4:
        return [_("Each ring needs at least four positions.")]
    for position in ring:
        if (
            not isinstance(position, list)
            or len(position) < 2
            or not all(isinstance(n, int | float) for n in position[:2])
        ):
            return [_("Each position must be [longitude, latitude] in numbers.")]
        lon, lat = position[0], position[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return [_("A position lies outside longitude −180…180 or latitude −90…90.")]
    if ring[0][:2] != ring[-1][:2]:
        return [_("Each ring must end where it starts.")]
    return []


def geometry_errors(geometry: Any) -> list[str]:
    """What is wrong with a Polygon or MultiPolygon geometry, as sentences; empty when valid."""
    if not isinstance(geometry, dict):
        return [_("The boundary must be a GeoJSON geometry object.")]
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = coordinates if isinstance(coordinates, list) else [None]
    else:
        return [_("The boundary must be a Polygon or a MultiPolygon.")]
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            return [_("A polygon needs at least one ring of coordinates.")]
        for ring in polygon:
            errors = _ring_errors(ring)
            if errors:
                return errors
    return []
