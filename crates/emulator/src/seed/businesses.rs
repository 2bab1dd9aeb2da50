//! The demo user's three businesses. Data tables only.

use std::collections::BTreeMap;

use crate::store::{Access, Address, Business};

/// The three businesses, in `/users/me` order.
pub fn all() -> Vec<Business> {
    vec![
        Business {
            id: 6_120_451,
            uuid: "6f1c2a9e-4b7d-4c1a-9e35-2d8a7b0c1f01".into(),
            account_id: "xVm3Q".into(),
            membership_id: 9_100_001,
            name: "Maple Leaf Design Studio".into(),
            role: "owner".into(),
            access: Access::ReadWrite,
            currency: "CAD".into(),
            date_format: "dd/mm/yyyy".into(),
            address: Address {
                id: 71_001,
                street: "401 King St W, Suite 300".into(),
                city: "Toronto".into(),
                province: "Ontario".into(),
                country: "Canada".into(),
                postal_code: "M5V 1K1".into(),
            },
            phone_number: Some("416-555-0199".into()),
            collections: BTreeMap::new(),
            generation: 0,
            pinned_today: None,
        },
        Business {
            id: 6_120_452,
            uuid: "0b9d3e77-21c4-4f0e-8a6b-5e4f3d2c1b02".into(),
            account_id: "k8Pz2".into(),
            membership_id: 9_100_002,
            name: "Hudson Ridge Consulting LLC".into(),
            role: "admin".into(),
            access: Access::ReadWrite,
            currency: "USD".into(),
            date_format: "mm/dd/yyyy".into(),
            address: Address {
                id: 71_002,
                street: "88 Pine St, Floor 12".into(),
                city: "New York".into(),
                province: "New York".into(),
                country: "United States".into(),
                postal_code: "10005".into(),
            },
            phone_number: Some("212-555-0147".into()),
            collections: BTreeMap::new(),
            generation: 0,
            pinned_today: None,
        },
        Business {
            id: 6_120_453,
            uuid: "a3e5c7d9-8f6b-4a2c-b1d0-9e8f7a6b5c03".into(),
            account_id: "Rt4wL".into(),
            membership_id: 9_100_003,
            name: "Bluewater Collective".into(),
            role: "business_employee".into(),
            access: Access::ReadOnly,
            currency: "CAD".into(),
            date_format: "yyyy-mm-dd".into(),
            address: Address {
                id: 71_003,
                street: "1505 Barrington St".into(),
                city: "Halifax".into(),
                province: "Nova Scotia".into(),
                country: "Canada".into(),
                postal_code: "B3J 3K5".into(),
            },
            phone_number: None,
            collections: BTreeMap::new(),
            generation: 0,
            pinned_today: None,
        },
    ]
}
