//! The window, the welcome screen, the sidebar, and command round-trips through the shell.

use ledgerline_e2e::App;

/// Sidebar entries and the heading each page shows.
const SECTIONS: &[(&str, &str)] = &[
    ("nav-home", "Home"),
    ("nav-clients", "Clients"),
    ("nav-time", "Time"),
    ("nav-invoices", "Invoices"),
    ("nav-sync", "Sync"),
    ("nav-settings", "Settings"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn window_opens_navigates_and_reads_settings_through_the_shell() {
    let app = App::launch().await.expect("the app launches");

    assert_eq!(app.client.title().await.unwrap(), "Ledgerline");
    let windows = app.window_titles().await.unwrap();
    assert!(
        windows.iter().any(|title| title == "Ledgerline"),
        "no window titled Ledgerline among {windows:?}"
    );
    // The first paint, kept for diagnosis when the front end fails to mount.
    app.screenshot("launch").await.unwrap();

    // A first run shows the welcome screen; "Try the demo" opens the frame with its sidebar.
    app.element("welcome").await.unwrap();
    app.click("try-demo").await.unwrap();
    app.element("demo-banner").await.unwrap();

    for (nav_id, heading) in SECTIONS {
        app.click(nav_id).await.unwrap();
        assert_eq!(app.text_of("page-title").await.unwrap(), *heading);
    }

    // Settings is open last: its facts come from the shell through `invoke`.
    let version = app.text_of("app-version").await.unwrap();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    // The demo keeps its data in a folder of its own inside the app's.
    let data_dir = app.text_of("data-dir").await.unwrap();
    assert!(
        data_dir.starts_with(&app.data_dir().display().to_string()),
        "Settings shows the data folder {data_dir}, outside {}",
        app.data_dir().display()
    );

    let shot = app.screenshot("settings").await.unwrap();
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG"),
        "{} is not a PNG",
        shot.display()
    );

    app.close().await.unwrap();
}
