//! The command line, declared with clap's derive API. Every command has `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Ledgerline's headless command line: an offline mirror of your FreshBooks businesses.
#[derive(Debug, Parser)]
#[command(
    name = "ledgerline-cli",
    version,
    after_help = "Exit status: 0 success; 1 error; 2 bad usage; 3 sign-in needed; 4 FreshBooks unreachable or a sync step failed; \
5 sync finished but changes were refused or conflict (see `status`, `conflicts list`).\n\
Environment: FRESHBOOKS_CLIENT_ID, FRESHBOOKS_CLIENT_SECRET, FRESHBOOKS_REDIRECT_URI (the FreshBooks app), \
FRESHBOOKS_API_URL, FRESHBOOKS_AUTH_URL (another FreshBooks, e.g. the emulator), LEDGERLINE_DATA_DIR, LEDGERLINE_TOKEN_FILE."
)]
pub struct Cli {
    /// Where the local mirror lives (default: the desktop app's data directory).
    #[arg(long, global = true, env = "LEDGERLINE_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Keep the sign-in in this file (written 0600) instead of the OS keyring.
    #[arg(
        long,
        global = true,
        env = "LEDGERLINE_TOKEN_FILE",
        value_name = "FILE"
    )]
    pub token_file: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in to FreshBooks, check or forget the sign-in, store the app's credentials.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// List your businesses (the current one is marked with *)
    ///
    /// A business marked with ! is no longer listed by FreshBooks for this sign-in: it is kept
    /// only for its unsent changes, and not synced until you sign in as one of its users again.
    Businesses,
    /// Make a business current: its id, account id, or a unique part of its name.
    Use {
        /// The business.
        business: String,
    },
    /// Send local changes and pull what changed in FreshBooks.
    #[command(
        after_help = "Exit status: 0 everything sent and pulled; 3 sign-in needed; \
4 FreshBooks unreachable, a step failed or changes are still waiting (run sync again later); \
5 the sync finished but changes were refused by FreshBooks or conflict with changes made there, \
now or in an earlier sync (syncing again will not help: see `ledgerline-cli status`, \
`conflicts list` / `conflicts resolve`, or `undo <change>`); 1 any other error."
    )]
    Sync(SyncArgs),
    /// Last sync per entity, pending changes and conflicts.
    Status(BusinessArg),
    /// Clients of the current business.
    #[command(subcommand)]
    Clients(ClientsCommand),
    /// Time entries.
    #[command(subcommand)]
    Time(TimeCommand),
    /// Invoices.
    #[command(subcommand)]
    Invoice(InvoiceCommand),
    /// Changes made both here and in FreshBooks.
    #[command(subcommand)]
    Conflicts(ConflictsCommand),
    /// Undo a change that was not sent yet (its number is shown by `status`).
    Undo {
        /// The change's number.
        change: i64,
        /// The business (default: current).
        #[arg(long)]
        business: Option<String>,
    },
    /// Print every record of an entity as FreshBooks shapes it.
    Export(ExportArgs),
    /// Diagnostic: time the local queries the screens make (client search, unbilled time of a
    /// client, the client list, a draft preview) N times each in this process and print
    /// p50/p95/max as JSON. Used by `cargo xtask bench`.
    #[command(hide = true)]
    BenchQueries {
        /// How many times each query runs.
        #[arg(long, default_value_t = 200)]
        iterations: u32,
        #[command(flatten)]
        business: BusinessArg,
    },
}

/// `auth …`
#[derive(Debug, Subcommand)]
pub enum AuthCommand {
    /// Sign in: prints the authorization URL on the first line, then reads the address the
    /// browser was sent back to from stdin.
    Login,
    /// Whether you are signed in, and to which businesses.
    Status,
    /// Forget the sign-in; the offline copy stays unless --remove-offline-copy
    ///
    /// Forgets the sign-in (the app's credentials stay). The offline copy on this computer stays
    /// browsable, unless --remove-offline-copy: then it is deleted too, which is refused while
    /// changes have not reached FreshBooks (send them with `sync`, or undo them, first), unless
    /// --discard-unsent, and refused while another Ledgerline is sending from it.
    Logout(LogoutArgs),
    /// Store the FreshBooks app's credentials in the keyring (or the token file).
    Configure(ConfigureArgs),
}

/// `auth logout`
#[derive(Debug, Args)]
pub struct LogoutArgs {
    /// Also delete the offline copy of your businesses on this computer.
    #[arg(long)]
    pub remove_offline_copy: bool,
    /// With --remove-offline-copy: delete it even though changes in it were never sent to
    /// FreshBooks (waiting, unconfirmed, refused or in conflict); they are lost.
    #[arg(long, requires = "remove_offline_copy")]
    pub discard_unsent: bool,
}

/// `auth configure`
#[derive(Debug, Args)]
pub struct ConfigureArgs {
    /// The app's client id.
    #[arg(long, env = "FRESHBOOKS_CLIENT_ID")]
    pub client_id: String,
    /// The app's client secret (read from stdin when not given).
    #[arg(long, env = "FRESHBOOKS_CLIENT_SECRET", hide_env_values = true)]
    pub client_secret: Option<String>,
    /// The redirect URI registered for the app.
    #[arg(long, env = "FRESHBOOKS_REDIRECT_URI")]
    pub redirect_uri: String,
}

/// `sync`
#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Every business, the current one first.
    #[arg(long)]
    pub all: bool,
    /// Re-read everything instead of what changed.
    #[arg(long)]
    pub full: bool,
    /// Another business than the current one.
    #[arg(long, conflicts_with = "all")]
    pub business: Option<String>,
}

/// A `--business` option.
#[derive(Debug, Args)]
pub struct BusinessArg {
    /// The business (default: current): its id, account id, or a unique part of its name.
    #[arg(long)]
    pub business: Option<String>,
}

/// `clients …`
#[derive(Debug, Subcommand)]
pub enum ClientsCommand {
    /// List clients (active ones unless asked).
    List {
        /// Include archived clients.
        #[arg(long)]
        archived: bool,
        /// Include deleted clients.
        #[arg(long)]
        deleted: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        business: BusinessArg,
    },
    /// Add a client (sent with the next sync).
    Add(ClientFieldsArgs),
    /// Change a client.
    Edit {
        /// The client's id.
        id: i64,
        #[command(flatten)]
        fields: ClientFieldsArgs,
    },
    /// Archive a client.
    Archive {
        /// The client's id.
        id: i64,
        #[command(flatten)]
        business: BusinessArg,
    },
    /// Restore an archived or deleted client.
    Restore {
        /// The client's id.
        id: i64,
        #[command(flatten)]
        business: BusinessArg,
    },
}

/// A client's fields.
#[derive(Debug, Args)]
pub struct ClientFieldsArgs {
    /// Organization.
    #[arg(long)]
    pub organization: Option<String>,
    /// First name.
    #[arg(long)]
    pub first_name: Option<String>,
    /// Last name.
    #[arg(long)]
    pub last_name: Option<String>,
    /// Email.
    #[arg(long)]
    pub email: Option<String>,
    /// City.
    #[arg(long)]
    pub city: Option<String>,
    /// Currency code (CAD, USD …).
    #[arg(long)]
    pub currency: Option<String>,
    #[command(flatten)]
    pub business: BusinessArg,
}

/// `time …`
#[derive(Debug, Subcommand)]
pub enum TimeCommand {
    /// Billable time not invoiced yet.
    Unbilled {
        /// Only this client's time.
        #[arg(long)]
        client: Option<i64>,
        /// From this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// To this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        business: BusinessArg,
    },
    /// Time still marked billed whose invoice (drafted here) was deleted in FreshBooks.
    Orphans {
        /// Mark them unbilled again (sent with the next sync).
        #[arg(long)]
        repair: bool,
        #[command(flatten)]
        business: BusinessArg,
    },
}

/// `invoice …`
#[derive(Debug, Subcommand)]
pub enum InvoiceCommand {
    /// Draft an invoice from a client's unbilled time and mark that time billed.
    Draft(DraftArgs),
}

/// How lines are grouped.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GroupBy {
    /// One line per time entry.
    Entry,
    /// One line per project.
    Project,
    /// One line per service.
    Service,
    /// One line per project and service.
    ProjectService,
    /// One line per team member.
    Member,
    /// One line per day worked.
    Day,
    /// One summary line (one per rate when rates differ).
    Summary,
}

/// `invoice draft`
#[derive(Debug, Args)]
pub struct DraftArgs {
    /// The client's id.
    #[arg(long)]
    pub client: i64,
    /// Time from this day (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// Time to this day (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// How time becomes lines.
    #[arg(long, value_enum, default_value = "project")]
    pub group_by: GroupBy,
    /// Round each entry up to this many minutes (0: exact).
    #[arg(long, default_value_t = 0)]
    pub round_minutes: i64,
    /// Bill each entry with any time at least this many minutes (after rounding).
    #[arg(long, default_value_t = 0)]
    pub minimum_minutes: i64,
    /// Line descriptions, with {service}, {project}, {member}, {date} and {note}.
    #[arg(long, default_value = "")]
    pub template: String,
    /// Also bill entries marked non-billable.
    #[arg(long)]
    pub include_non_billable: bool,
    /// A tax on every line, NAME:PERCENT (at most two).
    #[arg(long = "tax", value_name = "NAME:PERCENT")]
    pub taxes: Vec<String>,
    /// The invoice date (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// The business's hourly rate, for time no project, service or team rate covers.
    #[arg(long)]
    pub rate: Option<String>,
    /// Only show the draft; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub business: BusinessArg,
}

/// `conflicts …`
#[derive(Debug, Subcommand)]
pub enum ConflictsCommand {
    /// Open conflicts.
    List(BusinessArg),
    /// Settle a conflict.
    Resolve {
        /// The conflict's number.
        id: i64,
        /// Keep your values and send them to FreshBooks.
        #[arg(
            long,
            conflicts_with = "take_freshbooks",
            required_unless_present = "take_freshbooks"
        )]
        keep_mine: bool,
        /// Drop your change and take FreshBooks' values.
        #[arg(long)]
        take_freshbooks: bool,
        #[command(flatten)]
        business: BusinessArg,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    /// One JSON array of records.
    Json,
    /// One row per record, with a header line.
    Csv,
}

/// `export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// clients, invoices, time_entries, projects, services, taxes, payments, estimates, expenses, items.
    pub entity: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    #[command(flatten)]
    pub business: BusinessArg,
}
