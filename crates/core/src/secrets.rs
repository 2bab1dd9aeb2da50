//! Secrets: the FreshBooks sign-in (tokens) and the app's credentials, kept in the OS keyring, or
//! in a file the user named explicitly (the file fallback), written 0600.
//!
//! Never anywhere else: not SQLite, not logs, not IPC, not `Debug` output. Where no keyring
//! service answers (headless Linux without a secret service) and no file was named, every call
//! fails with [`SecretsError::NoKeyring`], whose message says what to do.
//!
//! [`SecretTokenStore`] implements the client's `TokenStore` over a [`Secrets`]; `save` returns
//! only once the new pair is durable (the keyring call or the file rename has completed), because
//! FreshBooks' refresh tokens are single-use, and its refresh lock (an OS file lock) keeps two
//! processes from spending one refresh token at once.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use futures::future::BoxFuture;
use ledgerline_freshbooks::{ClientSecret, RefreshLock, StoreError, TokenSet, TokenStore};
use ledgerline_model::error::ErrorCode;
use serde::{Deserialize, Serialize};

/// The keyring service name Ledgerline's entries live under.
pub const KEYRING_SERVICE: &str = "ledgerline";

const TOKENS_KEY: &str = "freshbooks-tokens";
const APP_KEY: &str = "freshbooks-app";

/// The longest secret Windows Credential Manager keeps: 2,560 bytes
/// (`CRED_MAX_CREDENTIAL_BLOB_SIZE`), which keyring-rs fills with the text in UTF-16, so 1,280
/// UTF-16 units.
pub const WINDOWS_KEYRING_MAX_UTF16: usize = 1_280;

/// The limit the keyring in use puts on one secret's text, in UTF-16 units.
const KEYRING_MAX_UTF16: Option<usize> = if cfg!(windows) {
    Some(WINDOWS_KEYRING_MAX_UTF16)
} else {
    None
};

/// Why secrets could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No keyring service answered.
    #[error(
        "no OS keyring is available here ({0}); start a secret service (for example gnome-keyring under a D-Bus session)"
    )]
    NoKeyring(String),
    /// The keyring refused or failed.
    #[error("the OS keyring failed ({0}); unlock it and try again")]
    Keyring(String),
    /// The token file could not be read or written.
    #[error("cannot use the token file {path} ({source}); check the path and its permissions")]
    File {
        /// The file.
        path: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// A stored secret is not in the expected shape.
    #[error("the stored sign-in is damaged; sign out, then sign in again")]
    Damaged,
    /// A secret is longer than the system's keyring keeps, so it was not saved (rather than
    /// saved cut short).
    #[error(
        "the {what} is too long for this system's keyring ({units} characters, at most {max}), so it was not saved; keep the sign-in in a file instead"
    )]
    TooLarge {
        /// What was being saved.
        what: &'static str,
        /// Its length, in UTF-16 units.
        units: usize,
        /// The keyring's limit, in UTF-16 units.
        max: usize,
    },
}

impl SecretsError {
    /// Whether the user must sign in again.
    pub fn needs_sign_in(&self) -> bool {
        matches!(self, SecretsError::Damaged)
    }

    /// Its stable code, with details.
    pub fn code(&self) -> ErrorCode {
        match self {
            SecretsError::NoKeyring(reason) => ErrorCode::NoKeyring {
                reason: reason.clone(),
            },
            SecretsError::Keyring(reason) => ErrorCode::KeyringFailed {
                reason: reason.clone(),
            },
            SecretsError::File { path, .. } => ErrorCode::TokenFile { path: path.clone() },
            SecretsError::Damaged => ErrorCode::DamagedSignIn,
            SecretsError::TooLarge { .. } => ErrorCode::KeyringFailed {
                reason: self.to_string(),
            },
        }
    }
}

/// The FreshBooks app's credentials, as `auth configure` stores them.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppSecrets {
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret.
    pub client_secret: ClientSecret,
    /// The registered redirect URI.
    pub redirect_uri: String,
}

impl std::fmt::Debug for AppSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppSecrets")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

/// Where secrets are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Secrets {
    /// The OS keyring, under [`KEYRING_SERVICE`].
    Keyring,
    /// A JSON file, mode 0600, named by the user.
    File(PathBuf),
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct FileContents {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tokens: Option<TokenSet>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    app: Option<AppSecrets>,
}

impl Secrets {
    /// Checks that the backend answers: for the keyring, that a secret service is reachable.
    pub fn probe(&self) -> Result<(), SecretsError> {
        match self {
            Secrets::Keyring => keyring_get(TOKENS_KEY).map(|_| ()),
            Secrets::File(_) => Ok(()),
        }
    }

    /// The saved sign-in.
    pub fn tokens(&self) -> Result<Option<TokenSet>, SecretsError> {
        match self {
            Secrets::Keyring => keyring_get(TOKENS_KEY)?
                .map(|text| serde_json::from_str(&text).map_err(|_| SecretsError::Damaged))
                .transpose(),
            Secrets::File(path) => Ok(read_file(path)?.tokens),
        }
    }

    /// Saves a sign-in durably, replacing the old one.
    pub fn save_tokens(&self, tokens: &TokenSet) -> Result<(), SecretsError> {
        match self {
            Secrets::Keyring => keyring_set(TOKENS_KEY, &tokens_text(tokens, KEYRING_MAX_UTF16)?),
            Secrets::File(path) => {
                let mut contents = read_file(path)?;
                contents.tokens = Some(tokens.clone());
                write_file(path, &contents)
            }
        }
    }

    /// Forgets the sign-in.
    pub fn clear_tokens(&self) -> Result<(), SecretsError> {
        match self {
            Secrets::Keyring => keyring_delete(TOKENS_KEY),
            Secrets::File(path) => {
                let mut contents = read_file(path)?;
                contents.tokens = None;
                write_file(path, &contents)
            }
        }
    }

    /// Forgets everything kept here: the sign-in and the app's credentials (a full sign-out).
    pub fn clear_all(&self) -> Result<(), SecretsError> {
        match self {
            Secrets::Keyring => {
                keyring_delete(TOKENS_KEY)?;
                keyring_delete(APP_KEY)
            }
            Secrets::File(path) => write_file(path, &FileContents::default()),
        }
    }

    /// The app credentials stored by `auth configure`.
    pub fn app(&self) -> Result<Option<AppSecrets>, SecretsError> {
        match self {
            Secrets::Keyring => keyring_get(APP_KEY)?
                .map(|text| serde_json::from_str(&text).map_err(|_| SecretsError::Damaged))
                .transpose(),
            Secrets::File(path) => Ok(read_file(path)?.app),
        }
    }

    /// Stores the app credentials.
    pub fn save_app(&self, app: &AppSecrets) -> Result<(), SecretsError> {
        match self {
            Secrets::Keyring => keyring_set(APP_KEY, &app_text(app, KEYRING_MAX_UTF16)?),
            Secrets::File(path) => {
                let mut contents = read_file(path)?;
                contents.app = Some(app.clone());
                write_file(path, &contents)
            }
        }
    }
}

/// The tokens' text for the keyring, within `max` UTF-16 units. The scopes are informational (the
/// client never reads them back), so they are left out when the whole would not fit; when even
/// that does not fit, the save is refused rather than cut short.
fn tokens_text(tokens: &TokenSet, max: Option<usize>) -> Result<String, SecretsError> {
    let text = serde_json::to_string(tokens).map_err(|_| SecretsError::Damaged)?;
    match max {
        Some(max) if utf16_len(&text) > max && tokens.scope.is_some() => {
            let without_scopes = TokenSet {
                scope: None,
                ..tokens.clone()
            };
            let text = serde_json::to_string(&without_scopes).map_err(|_| SecretsError::Damaged)?;
            fits("sign-in", text, Some(max))
        }
        _ => fits("sign-in", text, max),
    }
}

/// The app credentials' text for the keyring, within `max` UTF-16 units.
fn app_text(app: &AppSecrets, max: Option<usize>) -> Result<String, SecretsError> {
    let text = serde_json::to_string(app).map_err(|_| SecretsError::Damaged)?;
    fits("app registration", text, max)
}

fn fits(what: &'static str, text: String, max: Option<usize>) -> Result<String, SecretsError> {
    let units = utf16_len(&text);
    match max {
        Some(max) if units > max => Err(SecretsError::TooLarge { what, units, max }),
        _ => Ok(text),
    }
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The client's `TokenStore` over [`Secrets`]. Keyring and file calls are blocking, so they run
/// on tokio's blocking pool.
///
/// Refreshes are serialized across processes by an OS file lock: beside the token file
/// (`<file>.lock`), or for the keyring on the file given to [`SecretTokenStore::with_refresh_lock`]
/// (one in the data folder, shared by the app and the command line).
#[derive(Debug, Clone)]
pub struct SecretTokenStore {
    secrets: Secrets,
    refresh_lock: Option<PathBuf>,
}

impl SecretTokenStore {
    /// A token store over a backend.
    pub fn new(secrets: Secrets) -> Self {
        let refresh_lock = match &secrets {
            Secrets::File(path) => Some(lock_path(path)),
            Secrets::Keyring => None,
        };
        Self {
            secrets,
            refresh_lock,
        }
    }

    /// Serializes refreshes with other processes on this lock file (for the keyring, which has
    /// no file of its own to lock beside).
    pub fn with_refresh_lock(mut self, lock_file: PathBuf) -> Self {
        self.refresh_lock = Some(lock_file);
        self
    }

    /// A token store for a core on `data_dir`: the token file locks beside itself, the keyring
    /// on [`KEYRING_REFRESH_LOCK`] in the data folder (shared by the app and the command line).
    pub fn for_data_dir(secrets: Secrets, data_dir: &Path) -> Self {
        let keyring = secrets == Secrets::Keyring;
        let store = Self::new(secrets);
        if keyring {
            store.with_refresh_lock(data_dir.join(KEYRING_REFRESH_LOCK))
        } else {
            store
        }
    }
}

/// The file in the data folder that serializes keyring refreshes across processes.
pub const KEYRING_REFRESH_LOCK: &str = "keyring-refresh.lock";

/// The refresh lock beside a token file: `<file>.lock`.
fn lock_path(token_file: &Path) -> PathBuf {
    let mut name = token_file.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the OS's exclusive lock on `path` (created 0600 if missing), blocking until it is free.
/// Held while the returned file is open; the OS releases it if the process dies.
fn lock_file(path: &Path) -> Result<std::fs::File, SecretsError> {
    let err = |source| SecretsError::File {
        path: path.display().to_string(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        builder.create(dir).map_err(err)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path).map_err(err)?;
    file.lock().map_err(err)?;
    Ok(file)
}

impl TokenStore for SecretTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<TokenSet>, StoreError>> {
        let secrets = self.secrets.clone();
        Box::pin(async move { blocking(move || secrets.tokens()).await })
    }

    fn save<'a>(&'a self, tokens: &'a TokenSet) -> BoxFuture<'a, Result<(), StoreError>> {
        let secrets = self.secrets.clone();
        let tokens = tokens.clone();
        Box::pin(async move { blocking(move || secrets.save_tokens(&tokens)).await })
    }

    fn clear(&self) -> BoxFuture<'_, Result<(), StoreError>> {
        let secrets = self.secrets.clone();
        Box::pin(async move { blocking(move || secrets.clear_tokens()).await })
    }

    fn lock_refresh(&self) -> BoxFuture<'_, Result<RefreshLock, StoreError>> {
        let path = self.refresh_lock.clone();
        Box::pin(async move {
            match path {
                Some(path) => blocking(move || lock_file(&path).map(RefreshLock::new)).await,
                None => Ok(RefreshLock::none()),
            }
        })
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, SecretsError> + Send + 'static,
) -> Result<T, StoreError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(res) => res.map_err(|e| Box::new(e) as StoreError),
        Err(join) => Err(Box::new(join) as StoreError),
    }
}

fn entry(key: &str) -> Result<keyring::Entry, SecretsError> {
    keyring::Entry::new(KEYRING_SERVICE, key).map_err(classify)
}

fn keyring_get(key: &str) -> Result<Option<String>, SecretsError> {
    match entry(key)?.get_password() {
        Ok(text) => Ok(Some(text)),
        Err(keyring::Error::NoEntry) => Ok(None),
        Err(e) => Err(classify(e)),
    }
}

fn keyring_set(key: &str, value: &str) -> Result<(), SecretsError> {
    entry(key)?.set_password(value).map_err(classify)
}

fn keyring_delete(key: &str) -> Result<(), SecretsError> {
    match entry(key)?.delete_credential() {
        Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
        Err(e) => Err(classify(e)),
    }
}

/// A keyring error as ours: a missing or unreachable service is "no keyring"; the rest are
/// failures of a keyring that exists. The error's text never holds the secret.
fn classify(e: keyring::Error) -> SecretsError {
    match e {
        keyring::Error::PlatformFailure(inner) => SecretsError::NoKeyring(inner.to_string()),
        keyring::Error::NoStorageAccess(inner) => SecretsError::NoKeyring(inner.to_string()),
        other => SecretsError::Keyring(other.to_string()),
    }
}

fn read_file(path: &Path) -> Result<FileContents, SecretsError> {
    match std::fs::read_to_string(path) {
        Ok(text) if text.trim().is_empty() => Ok(FileContents::default()),
        Ok(text) => serde_json::from_str(&text).map_err(|_| SecretsError::Damaged),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileContents::default()),
        Err(source) => Err(SecretsError::File {
            path: path.display().to_string(),
            source,
        }),
    }
}

/// Writes the file atomically: a temp file of its own (unique to this process and call, so two
/// savers never write into one another's) created 0600 beside it, synced, then renamed over it.
/// A reader sees the old file or the new one, never a half-written one.
fn write_file(path: &Path, contents: &FileContents) -> Result<(), SecretsError> {
    let err = |source| SecretsError::File {
        path: path.display().to_string(),
        source,
    };
    let text = serde_json::to_string_pretty(contents).map_err(|_| SecretsError::Damaged)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(err)?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("ledgerline-tokens");
    let (tmp, mut file) = loop {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let tmp = dir.join(format!(
            ".{name}.{}.{}.{:08x}.tmp",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            rand::random::<u32>()
        ));
        let mut options = std::fs::OpenOptions::new();
        // Never an existing file: one left by a crash, or (however unlikely) another saver's.
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&tmp) {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(err(e)),
        }
    };
    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&tmp, path)
        });
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    // The rename is durable once the folder is synced (where the OS allows opening one).
    #[cfg(unix)]
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use ledgerline_freshbooks::{AccessToken, RefreshToken};

    fn tokens(n: u32) -> TokenSet {
        TokenSet {
            access_token: AccessToken::new(format!("access-{n}")),
            refresh_token: RefreshToken::new(format!("refresh-{n}")),
            expires_at: chrono::DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap(),
            scope: None,
        }
    }

    #[tokio::test]
    async fn token_file_round_trips_at_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("tokens.json");
        let store = SecretTokenStore::new(Secrets::File(path.clone()));
        assert_eq!(store.load().await.unwrap(), None);
        store.save(&tokens(1)).await.unwrap();
        store.save(&tokens(2)).await.unwrap();
        assert_eq!(store.load().await.unwrap(), Some(tokens(2)));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let secrets = Secrets::File(path.clone());
        secrets
            .save_app(&AppSecrets {
                client_id: "id".into(),
                client_secret: ClientSecret::new("shh"),
                redirect_uri: "https://example.com/cb".into(),
            })
            .unwrap();
        assert_eq!(
            secrets.tokens().unwrap(),
            Some(tokens(2)),
            "saving the app keeps the tokens"
        );
        assert!(!format!("{:?}", secrets.app().unwrap()).contains("shh"));
        store.clear().await.unwrap();
        assert_eq!(store.load().await.unwrap(), None);
        assert!(secrets.app().unwrap().is_some());
    }

    /// A FreshBooks access token as issued since 2023: a variable-length JWT (RS256). Its
    /// payload here carries more than FreshBooks documents, to leave a margin.
    fn jwt_access_token() -> String {
        let header = "eyJraWQiOiJ2MSIsImFsZyI6IlJTMjU2IiwidHlwIjoiSldUIn0"; // {"kid":"v1","alg":"RS256","typ":"JWT"}
        let payload = "x".repeat(480); // iss, sub, aud (64-char client id), iat, exp, jti, scopes
        let signature = "s".repeat(342); // RS256 with a 2048-bit key, base64url
        format!("{header}.{payload}.{signature}")
    }

    fn realistic_tokens(access: String) -> TokenSet {
        TokenSet {
            access_token: AccessToken::new(access),
            refresh_token: RefreshToken::new("f".repeat(64)),
            expires_at: chrono::DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap(),
            scope: Some(ledgerline_freshbooks::config::SCOPES.join(" ")),
        }
    }

    /// Windows Credential Manager keeps 2,560 bytes of UTF-16: a realistic sign-in and app
    /// registration fit, the sign-in without its (informational) scopes when need be.
    #[test]
    fn realistic_secrets_fit_windows_credential_manager() {
        let max = Some(WINDOWS_KEYRING_MAX_UTF16);
        let app = AppSecrets {
            client_id: "9".repeat(64),
            client_secret: ClientSecret::new("8".repeat(64)),
            redirect_uri: "https://ledgerline.app/oauth/relay/".into(),
        };
        let text = app_text(&app, max).unwrap();
        assert!(utf16_len(&text) < 400, "{}", utf16_len(&text));

        // The fixed-length tokens of older apps (and the emulator) fit with their scopes.
        let legacy = realistic_tokens("a".repeat(64));
        let text = tokens_text(&legacy, max).unwrap();
        let back: TokenSet = serde_json::from_str(&text).unwrap();
        assert_eq!(back, legacy);

        // A JWT fits, without the scopes, which nothing reads back.
        let jwt = realistic_tokens(jwt_access_token());
        assert!(serde_json::to_string(&jwt).unwrap().len() > WINDOWS_KEYRING_MAX_UTF16);
        let text = tokens_text(&jwt, max).unwrap();
        assert!(utf16_len(&text) <= WINDOWS_KEYRING_MAX_UTF16);
        let back: TokenSet = serde_json::from_str(&text).unwrap();
        assert_eq!(back.access_token, jwt.access_token);
        assert_eq!(back.refresh_token, jwt.refresh_token);
        assert_eq!(back.scope, None);

        // No limit elsewhere: the whole set is kept.
        assert_eq!(
            serde_json::from_str::<TokenSet>(&tokens_text(&jwt, None).unwrap()).unwrap(),
            jwt
        );
    }

    /// A secret the keyring cannot hold is refused with a sentence, never saved cut short.
    #[test]
    fn a_secret_too_long_for_the_keyring_is_refused_not_cut_short() {
        let huge = realistic_tokens("j".repeat(1_500));
        let err = tokens_text(&huge, Some(WINDOWS_KEYRING_MAX_UTF16)).unwrap_err();
        assert!(
            matches!(err, SecretsError::TooLarge { max: 1_280, .. }),
            "{err:?}"
        );
        let text = err.to_string();
        assert!(text.contains("too long") && text.contains("file"), "{text}");
        assert!(
            !text.contains(&"j".repeat(20)),
            "the secret is not in the message"
        );
        assert!(matches!(err.code(), ErrorCode::KeyringFailed { .. }));
    }

    #[test]
    fn clear_all_forgets_the_sign_in_and_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Secrets::File(dir.path().join("tokens.json"));
        secrets.save_tokens(&tokens(1)).unwrap();
        secrets
            .save_app(&AppSecrets {
                client_id: "id".into(),
                client_secret: ClientSecret::new("shh"),
                redirect_uri: "https://example.com/cb".into(),
            })
            .unwrap();
        secrets.clear_tokens().unwrap();
        assert!(
            secrets.app().unwrap().is_some(),
            "clear_tokens keeps the app"
        );
        secrets.save_tokens(&tokens(2)).unwrap();
        secrets.clear_all().unwrap();
        assert_eq!(secrets.tokens().unwrap(), None);
        assert_eq!(secrets.app().unwrap(), None);
    }

    #[test]
    fn no_keyring_message_says_what_to_do() {
        let msg = SecretsError::NoKeyring("no D-Bus session".into()).to_string();
        assert!(msg.contains("start a secret service"), "{msg}");
        assert!(
            !msg.contains("--token-file"),
            "the CLI adds its own how-to: {msg}"
        );
    }
}
