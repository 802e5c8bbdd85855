"""Names and texts shared by the small demo and the bulk data at scale."""

TRADES = {
    "Plumbing": ("Plumbing", ["Leak repair", "Water heater install", "Bathroom re-pipe"]),
    "Electrical": ("Electric", ["Panel upgrade", "Kitchen lighting", "EV charger install"]),
    "HVAC": ("Heating & Air", ["Furnace replacement", "Duct cleaning", "Heat pump install"]),
    "Roofing": ("Roofing", ["Shingle replacement", "Gutter guards", "Flat roof repair"]),
    "Carpentry": ("Woodworks", ["Built-in bookshelves", "Deck build", "Custom cabinets"]),
    "Painting": ("Painting", ["Exterior repaint", "Cabinet refinish", "Accent walls"]),
    "Landscaping": ("Landscapes", ["Patio pavers", "Native garden", "Irrigation system"]),
    "Cleaning": ("Cleaning Co.", ["Move-out clean", "Deep clean", "Post-renovation clean"]),
}
NAMES = ["Elite", "Summit", "Bright", "Evergreen", "Keystone", "Harbor", "Pioneer", "Oak & Iron", "Blue Ridge"]
REVIEW_COMMENTS = [
    "Excellent service! Very professional and completed work on time.",
    "Good work, a little late on the first day.",
    "Fair price and tidy job.",
    "Would hire again without hesitation.",
    "Communication could have been better, result is great.",
]
