"""CoordinatesRecognizer: decimal, DMS and keyed pairs; ranges; negatives; adversarial."""

from __future__ import annotations

import random

import pytest

from veil.detect.base import Context
from veil.detect.geo import CoordinatesRecognizer

REC = CoordinatesRecognizer()


def find(text: str) -> list[str]:
    return [s.text for s in REC.analyze(text, Context(text))]


def spans(text: str):
    return list(REC.analyze(text, Context(text)))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The tower is at 48.8584, 2.2945 in Paris.", ["48.8584, 2.2945"]),
        ("Sydney -33.8688,151.2093", ["-33.8688,151.2093"]),
        ("pin (51.5007, -0.1246)", ["51.5007, -0.1246"]),
        ("GPS: 48.85, 2.29", ["48.85, 2.29"]),  # few decimals, but a context word
        ("location 40.7128 -74.0060", ["40.7128 -74.0060"]),  # space only, with context
        ("51.5074° N, 0.1278° W", ["51.5074° N, 0.1278° W"]),
        ("at 51.5074 N, 0.1278 W today", ["51.5074 N, 0.1278 W"]),
        ("48.8584°, 2.2945°", ["48.8584°, 2.2945°"]),
        ("NYC 40°42'46\"N 74°00'22\"W", ["40°42'46\"N 74°00'22\"W"]),
        ("NYC 40° 42′ 46″ N, 74° 0′ 22″ W.", ["40° 42′ 46″ N, 74° 0′ 22″ W"]),
        ("cache N 40°42.767' W 74°0.367'", ["N 40°42.767' W 74°0.367'"]),
        ("Quito 0°13'S 78°31'W", ["0°13'S 78°31'W"]),
        (
            "It was 21.5°C at 40°42'46\"N 74°00'22\"W, 48.8584° N, 2.2945° E.",
            ["40°42'46\"N 74°00'22\"W", "48.8584° N, 2.2945° E"],
        ),
        ('"coordinates": [151.2093, -33.8688]', ["151.2093, -33.8688"]),  # GeoJSON lon, lat
        ("coordinates 89.9999, -179.9999", ["89.9999, -179.9999"]),
        ("at 40.712776, -74.005974.", ["40.712776, -74.005974"]),
        ("GPS: 63.2341, -144.7455 Edit: fixed a typo.", ["63.2341, -144.7455"]),
        ("lat: 1.5, lon: 2.5, lat: 3.5, lon: 4.5", ["1.5", "2.5", "3.5", "4.5"]),
    ],
)
def test_pairs(text, expected):
    assert find(text) == expected


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("lat: 40.7128, lon: -74.0060", "40.7128", "-74.0060"),
        ('{"lat": 40.7128, "lng": -74.0060}', "40.7128", "-74.0060"),
        ('{"latitude": "51.5007", "longitude": "-0.1246"}', "51.5007", "-0.1246"),
        ("https://maps/?lat=48.8584&lon=2.2945&z=3", "48.8584", "2.2945"),
        ("lng=2.2945, lat=48.8584", "48.8584", "2.2945"),
        ("Latitude: 35.6762\nLongitude: 139.6503", "35.6762", "139.6503"),
        ("user_lat: 1.5, user_lon: 2.5", "1.5", "2.5"),
        ('{"lng": 2.2945, "lat": 48.8584}', "48.8584", "2.2945"),
        ("long=2.2945&lat=48.8584", "48.8584", "2.2945"),
    ],
)
def test_keyed_values_are_separate_spans(text, lat, lon):
    found = {s.attrs["part"]: s.text for s in spans(text)}
    assert found == {"latitude": lat, "longitude": lon}


@pytest.mark.parametrize(
    "text",
    [
        "Compare versions 1.5, 2.3 and 4.12.1 today.",
        "scores 0.123, 0.456",  # both below 1: probabilities
        "embedding [0.1234, 0.5678, 0.9012, 0.3456]",
        "vector [12.3456, 45.6789, 78.9012]",  # a list of decimals, not a pair
        "out of range 91.1234, 10.1234",
        "out of range 45.1234, 181.1234",
        "1234.5678, 12.3456",
        "ip 10.1.2.3, 10.1.2.4",
        "version 1.2.3, 4.5.6",
        "prices $12.345, 67.890",
        "48.8584 2.2945",  # space only, no context
        "Revenue grew 2.1% to 3.4 billion, margin 0.3.",
        "flat: 40.7128, lon: -74.0060 is not a latitude key",
        "angles 400°12'N 20°00'E",
        "time 12°61'N 20°00'E",  # 61 minutes
        "rate 4.5 N, 2.5 W",
        "x = np.array([-3.618412914693162, 2.635726692647081])",  # float repr, 15 decimals
        "[[1.3126, -0.3468], [2.1250, 0.7500]]",  # rows of a matrix
        "m = [1.2004901 ,  3.94446746]",  # aligned numpy output
        "self.solution = np.array([-1.05665192, 1.80834843])",
        "       [7.39020262, 8.54004355],",
        "edge 90.0000, -180.0000",  # zeros only
        "result 1.000000, -1.071948",
        "# position of the fill value\narr = SparseArray([1.0, 0.0, -1.0, np.nan])",
        "location samples: 8.375, 7.545, 8.828, 1.757",  # a list even with context
        "x = np.array([8.375, 7.545,\n 1.757, 5.928])",  # hemisphere letters without degree sign need two decimals
    ],
)
def test_negatives(text):
    got = find(text)
    if text.startswith("flat"):
        assert all(v != "40.7128" for v in got)
        return
    assert got == []


def test_scores():
    (bare,) = spans("meet at 48.8584, 2.2945")
    (ctx,) = spans("GPS coordinates 48.8584, 2.2945")
    (three,) = spans("meet at 48.858, 2.294")
    assert ctx.score > bare.score > three.score >= 0.5
    assert bare.label == "COORDINATES" and "48" not in repr(bare)


def test_random_pairs_in_prose():
    rng = random.Random(11)
    for _ in range(300):
        lat = rng.uniform(-89.9, 89.9)
        lon = rng.uniform(-179.9, 179.9)
        if abs(lat) < 1 and abs(lon) < 1:
            continue
        pair = f"{lat:.5f}, {lon:.5f}"
        assert find(f"We met at {pair} yesterday.") == [pair]


@pytest.mark.parametrize(
    "text",
    [
        "1." * 50_000,
        "1.1, " * 25_000,
        "12.3456, " * 12_000,
        "9" * 100_000,
        "." * 100_000,
        "40°" * 33_000,
        "40°42'" * 16_000,
        "N 40°42'46\" " * 8_000,
        "lat: 1.5, " * 10_000,
        "lat" * 33_000,
        "lat: 40.7128," + " " * 100_000,
        "48.8584°" * 12_000,
        "21.5°C " * 14_000,
        "N" * 100_000 + "°",
        "at 48.8584, 2.2945; " * 5_000,  # many real pairs
        "lat: 40.7128, lon: -74.0060\n" * 3_500,
    ],
)
def test_adversarial_inputs_complete(text):
    find(text)
