//! `status`: per-entity sync state, including an entity FreshBooks refuses to let the user read.

use crate::support::{Cli, assert_ok, stdout};

/// FreshBooks refuses the user one entity (403 on reads): `sync` still succeeds and says so,
/// and `status` shows the entity as not available with FreshBooks' reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_status_shows_an_entity_refused_on_read() {
    let cli = Cli::start().await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "maple"]).await);
    let maple = cli.business_named("Maple");
    cli.emu
        .control()
        .deny_reads(freshbooks_emulator::ReadDenial {
            resource: "expenses".into(),
            business: Some(maple.account_id.clone()),
        });
    let out = cli.run(&["sync"]).await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("1 entities not available"),
        "{}",
        stdout(&out)
    );
    let out = cli.run(&["status"]).await;
    assert_ok(&out);
    let text = stdout(&out);
    let expenses = text
        .lines()
        .find(|l| l.trim_start().starts_with("expenses"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        expenses.contains("not available: You do not have permission")
            && expenses.contains("sync --full"),
        "{text}"
    );
    let clients = text
        .lines()
        .find(|l| l.trim_start().starts_with("clients"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        !clients.contains("never") && !clients.contains("not available"),
        "{text}"
    );
}
