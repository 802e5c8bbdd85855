"""Words and texts shared by the small demo and the bulk data at scale."""

from parking.models import SpotType

STREETS = ["Congress Ave", "Lamar Blvd", "Guadalupe St", "Cesar Chavez St", "Red River St", "Rainey St", "6th St"]
KINDS = {
    SpotType.GARAGE: "Secure garage spot",
    SpotType.DRIVEWAY: "Private driveway",
    SpotType.LOT: "Lot space",
    SpotType.STREET: "Reserved street spot",
    SpotType.COVERED: "Covered parking",
}
HOURLY_PRICES = [300, 400, 500, 650, 800]  # cents
DAY_MULTIPLIERS = [6, 8, 10]  # a day costs this many hours
REVIEW_COMMENTS = [
    "Easy to find and exactly as described.",
    "Great spot, the host answered right away.",
    "A bit tight for an SUV but fine.",
    "Would book again, close to everything downtown.",
    "Well lit and felt safe at night.",
]
