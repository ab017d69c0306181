//! Laws of the volume family: ticket volume merges per customer.

use cxkpi::TicketVolume;
use proptest::prelude::*;

proptest! {
    /// Ticket volume merges per customer.
    #[test]
    fn ticket_volume_merge(a in prop::collection::vec(0u8..20, 0..100), b in prop::collection::vec(0u8..20, 0..100)) {
        let ab: Vec<u8> = a.iter().chain(&b).copied().collect();
        let volume = |v: &[u8]| v.iter().copied().collect::<TicketVolume<u8>>();
        prop_assert_eq!(volume(&a) + volume(&b), volume(&ab));
        if let Ok(ratio) = volume(&ab).tickets_per_customer() {
            prop_assert!(ratio >= 1.0);
        }
    }
}
