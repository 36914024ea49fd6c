"""A map of counts per area, drawn as inline SVG on the server from the areas' GeoJSON boundaries.

No tile server and no JavaScript: longitude and latitude are projected with a simple
equirectangular projection (longitude scaled by the cosine of the middle latitude, so that shapes
near the tropics keep their proportions), fitted to the bounds of the areas drawn. Each area is
shaded by its count in a few classes shown in a legend; the counts are also in each shape's
``<title>``, in its link's accessible name, and in the table the page shows beside the map, so
that nothing is told by colour alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

WIDTH = 640.0
MAX_HEIGHT = 640.0
MARGIN = 8.0
CLASSES = 5  # shade-0 (no activity) and four classes of counts


@dataclass
class Shape:
    key: Any
    label: str
    count: int
    shade: int
    path: str
    href: str = ""


@dataclass
class LegendEntry:
    shade: int
    low: int
    high: int


@dataclass
class Map:
    width: float
    height: float
    shapes: list[Shape]
    legend: list[LegendEntry]


def _polygons(geometry: Any) -> list[list[list[list[float]]]]:
    """The polygons of a Polygon or MultiPolygon (each a list of rings of [lon, lat])."""
    if not isinstance(geometry, dict):
        return []
    if geometry.get("type") == "Polygon":
        return [geometry.get("coordinates") or []]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry.get("coordinates") or [])
    return []


def _positions(geometry: Any) -> Iterator[tuple[float, float]]:
    for polygon in _polygons(geometry):
        for ring in polygon:
            for position in ring:
                yield float(position[0]), float(position[1])


class Projection:
    """Equirectangular, fitted to the bounds of the given positions within WIDTH × MAX_HEIGHT."""

    def __init__(self, positions: list[tuple[float, float]]) -> None:
        lons = [lon for lon, _lat in positions]
        lats = [lat for _lon, lat in positions]
        self.west, self.east = min(lons), max(lons)
        self.south, self.north = min(lats), max(lats)
        self.x_scale = math.cos(math.radians((self.south + self.north) / 2))
        span_x = max((self.east - self.west) * self.x_scale, 1e-9)
        span_y = max(self.north - self.south, 1e-9)
        inner_width, inner_height = WIDTH - 2 * MARGIN, MAX_HEIGHT - 2 * MARGIN
        self.scale = min(inner_width / span_x, inner_height / span_y)
        self.width = WIDTH
        self.height = round(span_y * self.scale + 2 * MARGIN, 1)
        # Centre horizontally when the shape is taller than wide.
        self.offset_x = (WIDTH - span_x * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.offset_x + (lon - self.west) * self.x_scale * self.scale
        y = MARGIN + (self.north - lat) * self.scale  # north up
        return round(x, 1), round(y, 1)


def svg_path(geometry: Any, project: Projection) -> str:
    """The SVG path data of a geometry: one subpath per ring, points closer than a pixel dropped."""
    parts: list[str] = []
    for polygon in _polygons(geometry):
        for ring in polygon:
            points: list[tuple[float, float]] = []
            for position in ring:
                point = project(float(position[0]), float(position[1]))
                if points and abs(point[0] - points[-1][0]) + abs(point[1] - points[-1][1]) < 1:
                    continue
                points.append(point)
            if len(points) < 3:
                continue
            head, *rest = points
            parts.append(
                f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in rest) + "Z"
            )
    return "".join(parts)


def shade_classes(maximum: int) -> list[LegendEntry]:
    """Class 0 for no activity, then up to four classes of equal width from 1 to ``maximum``."""
    legend = [LegendEntry(shade=0, low=0, high=0)]
    if maximum <= 0:
        return legend
    steps = min(CLASSES - 1, maximum)
    low = 1
    for step in range(1, steps + 1):
        high = math.ceil(maximum * step / steps)
        legend.append(LegendEntry(shade=step, low=low, high=high))
        low = high + 1
    return legend


def shade_of(count: int, legend: list[LegendEntry]) -> int:
    for entry in legend:
        if entry.low <= count <= entry.high:
            return entry.shade
    return legend[-1].shade


def draw(areas: list[tuple[Any, str, int, Any, str]]) -> Map | None:
    """A map of (key, label, count, GeoJSON geometry, link) items; None when nothing can be drawn."""
    drawable = [item for item in areas if any(True for _p in _positions(item[3]))]
    if not drawable:
        return None
    project = Projection([point for item in drawable for point in _positions(item[3])])
    legend = shade_classes(max(item[2] for item in drawable))
    shapes = []
    for key, label, count, geometry, href in drawable:
        path = svg_path(geometry, project)
        if path:
            shapes.append(
                Shape(
                    key=key,
                    label=label,
                    count=count,
                    shade=shade_of(count, legend),
                    path=path,
                    href=href,
                )
            )
    if not shapes:
        return None
    return Map(width=project.width, height=project.height, shapes=shapes, legend=legend)
