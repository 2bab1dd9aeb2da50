//! Word lists for realistic seed data. Data tables only.

pub const FIRST_NAMES: &[&str] = &[
    "Olivia", "Liam", "Emma", "Noah", "Charlotte", "William", "Amelia", "Benjamin", "Sophie", "Lucas",
    "Chloé", "Gabriel", "Léa", "Félix", "Maya", "Ethan", "Zoé", "Samuel", "Hannah", "Jacob",
    "Priya", "Arjun", "Mei", "Wei", "Fatima", "Omar", "Aisha", "Mateo", "Sofia", "Diego",
    "Grace", "Owen", "Isla", "Nathan", "Ava", "Logan", "Élodie", "Mathis", "Rosalie", "Thomas",
    "Harper", "Jack", "Nora", "Henry", "Aria", "Leo", "Clara", "Miles", "Ruby", "Elias",
];

pub const LAST_NAMES: &[&str] = &[
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné",
    "Smith", "Brown", "Wilson", "MacDonald", "Taylor", "Campbell", "Anderson", "Martin", "Thompson", "Lee",
    "Nguyen", "Patel", "Singh", "Chen", "Wong", "Kim", "Garcia", "Rodriguez", "Hernandez", "Lopez",
    "O'Brien", "Murphy", "Kelly", "Walsh", "Fraser", "Stewart", "Robertson", "Young", "Clarke", "Wright",
    "Bélanger", "Pelletier", "Lévesque", "Bergeron", "Leblanc", "Paquette", "Girard", "Simard", "Boucher", "Caron",
];

pub const COMPANY_HEADS: &[&str] = &[
    "Maple", "Northern", "Lakeshore", "Harbour", "Summit", "Cedar", "Granite", "Aurora", "Prairie", "Birch",
    "Riverside", "Beacon", "Copper", "Evergreen", "Bluewater", "Ironwood", "Silverline", "Pinecrest", "Westbrook", "Redstone",
    "Coastal", "Highland", "Golden", "Lighthouse", "Foxglove", "Meridian", "Keystone", "Stonebridge", "Willow", "Tidewater",
];

pub const COMPANY_TAILS: &[&str] = &[
    "Bakery", "Dental", "Logistics", "Brewing Co.", "Realty", "Fitness", "Architecture", "Law LLP", "Outfitters", "Café",
    "Software", "Construction", "Landscaping", "Veterinary Clinic", "Books", "Cycles", "Media", "Consulting", "Farms", "Studios",
    "Foods", "Hardware", "Wellness", "Motors", "Design", "Marine", "Print Shop", "Roasters", "Pharmacy", "Academy",
];

pub const CA_CITIES: &[(&str, &str, &str)] = &[
    ("Toronto", "Ontario", "M5V 2T6"),
    ("Ottawa", "Ontario", "K1P 5J2"),
    ("Montréal", "Québec", "H2Y 1C6"),
    ("Québec", "Québec", "G1R 4P5"),
    ("Vancouver", "British Columbia", "V6B 1A1"),
    ("Victoria", "British Columbia", "V8W 1P6"),
    ("Halifax", "Nova Scotia", "B3J 1S9"),
    ("Moncton", "New Brunswick", "E1C 4M3"),
    ("Winnipeg", "Manitoba", "R3C 0V8"),
    ("Calgary", "Alberta", "T2P 1J9"),
    ("Saskatoon", "Saskatchewan", "S7K 0J5"),
];

pub const US_CITIES: &[(&str, &str, &str)] = &[
    ("New York", "New York", "10001"),
    ("Boston", "Massachusetts", "02108"),
    ("Chicago", "Illinois", "60601"),
    ("Austin", "Texas", "78701"),
    ("Seattle", "Washington", "98101"),
    ("Denver", "Colorado", "80202"),
    ("Portland", "Oregon", "97204"),
    ("Atlanta", "Georgia", "30303"),
];

pub const STREETS: &[&str] = &[
    "King St W", "Queen St E", "Rue Sainte-Catherine", "Main St", "Yonge St", "Granville St", "Elm Ave",
    "Maple Rd", "Spring Garden Rd", "Portage Ave", "Rue Saint-Jean", "Broadway", "Market St", "Oak St",
];

pub const SERVICES: &[&str] = &[
    "Design", "Development", "Consulting", "Project management", "Copywriting", "Photography", "Research",
    "Training", "Support", "Strategy",
];

pub const PROJECT_KINDS: &[&str] = &[
    "Website redesign", "Brand refresh", "Mobile app", "Annual report", "Trade show booth", "Packaging",
    "Marketing campaign", "Data migration", "Strategy workshop", "Intranet", "E-commerce launch", "Signage",
];

pub const NOTES: &[&str] = &[
    "Wireframes", "Client call", "Revisions after feedback", "Kick-off meeting", "Asset prep", "QA pass",
    "Copy edits", "Layout exploration", "Stakeholder review", "Bug fixes", "Deployment", "Research notes",
    "Photo selection", "Invoice follow-up call", "Prototype", "Style guide",
];

pub const ITEMS: &[(&str, &str)] = &[
    ("Hosting (monthly)", "19.99"),
    ("Domain renewal", "24.00"),
    ("Stock photo licence", "49.00"),
    ("Print proof", "35.50"),
    ("Font licence", "120.00"),
    ("Rush fee", "150.00"),
];
