//! `businesses`: the list, and a business kept only for its unsent changes, marked and explained.

use freshbooks_emulator::{Config, Emulator};

use crate::support::{Cli, assert_ok, stdout};

/// A business FreshBooks no longer lists for this sign-in is kept while it has unsent changes.
/// `businesses` used to list it like any other, so nothing said why it was there or that it is
/// not synced; its line is now marked and says why, in one line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_businesses_marks_one_kept_for_unsent_changes() {
    let state_dir = tempfile::tempdir().unwrap();
    let state_file = state_dir.path().join("freshbooks.json");
    let mut config = Config::for_tests();
    config.state_file = Some(state_file.clone());
    let cli = Cli::start_with(config.clone()).await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "maple"]).await);
    assert_ok(&cli.run(&["sync"]).await);
    assert_ok(
        &cli.run(&["clients", "add", "--organization", "Unsent Co"])
            .await,
    );
    let maple = cli.business_named("Maple");
    let Cli { emu, dir } = cli;
    emu.shutdown().await;
    // The same FreshBooks, seen by a user who is not a member of Maple.
    let mut state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state_file).unwrap()).unwrap();
    state["businesses"]
        .as_array_mut()
        .unwrap()
        .retain(|business| business["id"] != serde_json::json!(maple.business_id));
    std::fs::write(&state_file, state.to_string()).unwrap();
    let cli = Cli {
        emu: Emulator::start(config).await.unwrap(),
        dir,
    };
    cli.sign_in();

    let out = cli.run(&["businesses"]).await;
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    let kept = text
        .lines()
        .find(|l| l.contains("Maple"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(kept.starts_with('!'), "{text}");
    assert!(
        kept.contains("not listed for this sign-in")
            && kept.contains("1 unsent change")
            && kept.contains("auth login"),
        "{text}"
    );
    for other in text.lines().filter(|l| !l.contains("Maple")) {
        assert!(
            !other.starts_with('!') && !other.contains("unsent"),
            "{text}"
        );
    }
}
