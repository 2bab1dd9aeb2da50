//! Who is signed in and which business is current: the user's memberships (from FreshBooks'
//! `/users/me`), kept in the mirror so switching business is instant and works offline.

use ledgerline_model::ids::BusinessId;

use crate::Core;
use crate::error::{Error, Result};
use crate::outbox::send::PushLock;
use crate::secrets::{SecretTokenStore, Secrets};
use crate::store::businesses;
use crate::store::outbox;
use crate::sync::engine::Input;
use ledgerline_freshbooks::TokenStore;
use ledgerline_model::entity::UserBusiness;

/// What [`Core::sign_out`] does besides forgetting the sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignOut {
    /// Where the sign-in is kept: its tokens are forgotten there (the app's credentials stay).
    pub secrets: Secrets,
    /// Also remove this computer's offline copy (the mirror and its unsent changes).
    pub remove_offline_copy: bool,
    /// With [`SignOut::remove_offline_copy`]: remove it even though changes in it have not
    /// reached FreshBooks, discarding them. Without it such a removal is refused.
    pub discard_unsent: bool,
}

/// What [`Core::sign_out`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignedOut {
    /// Whether the offline copy was removed.
    pub offline_copy_removed: bool,
    /// Unsent changes discarded with it.
    pub discarded: usize,
}

impl Core {
    /// Signs out: stops the background engine and forgets the sign-in (the tokens, in memory and
    /// where [`SignOut::secrets`] keeps them; the app's credentials stay). The offline copy stays
    /// browsable unless [`SignOut::remove_offline_copy`] asks to remove it.
    ///
    /// Removal deletes this computer's mirror. It is refused, before anything changes (still
    /// signed in, engine running again), with [`Error::UnsentChanges`] while changes have not
    /// reached FreshBooks (unless [`SignOut::discard_unsent`] says to discard them), and with
    /// [`Error::OfflineCopyInUse`] while another Ledgerline sends from it (it holds the outbox).
    /// The sign-in is forgotten after the removal, so a refusal always leaves it in place. After
    /// a removal this core (and every clone) fails with [`Error::OfflineCopyRemoved`]; a core
    /// opened on the data folder again starts an empty copy.
    pub async fn sign_out(&self, spec: SignOut) -> Result<SignedOut> {
        let engine_was_running = self.stop_engine().await;
        // Taken before anything changes, and held until the files are gone: no push (here or
        // in another process) runs in a database being deleted.
        let push_lock = if spec.remove_offline_copy {
            match self.may_remove(spec.discard_unsent).await {
                Ok(lock) => Some(lock),
                Err(e) => {
                    self.restart_engine(engine_was_running);
                    return Err(e);
                }
            }
        } else {
            None
        };
        let mut done = SignedOut {
            offline_copy_removed: false,
            discarded: 0,
        };
        if let Some(lock) = push_lock {
            let store = self.store().clone();
            let discard = spec.discard_unsent;
            let removed = tokio::task::spawn_blocking(move || {
                // Counted again under the write lock: another process may have edited meanwhile.
                let removed = store.remove_blocking(|tx| {
                    let n = outbox::unsent_count(tx)?;
                    if n > 0 && !discard {
                        return Err(Error::UnsentChanges(n));
                    }
                    Ok(n)
                });
                drop(lock);
                removed
            })
            .await
            .map_err(Error::from)
            .and_then(|removed| removed);
            match removed {
                Ok(discarded) => {
                    if discarded > 0 {
                        tracing::info!(discarded, "offline copy removed with its unsent changes");
                    }
                    done = SignedOut {
                        offline_copy_removed: true,
                        discarded,
                    };
                }
                Err(e) => {
                    self.restart_engine(engine_was_running);
                    return Err(e);
                }
            }
        }
        // Last, so a refused removal leaves the user signed in (to send the changes). Once the
        // copy is removed the engine stays stopped whatever happens here.
        if let Err(e) = self.forget_sign_in(&spec.secrets).await {
            if !done.offline_copy_removed {
                self.restart_engine(engine_was_running);
            }
            return Err(e);
        }
        Ok(done)
    }

    /// The outbox lock, once removal may go ahead: no other Ledgerline sends from this copy, and
    /// no change is unsent (or the caller discards them).
    async fn may_remove(&self, discard_unsent: bool) -> Result<PushLock> {
        let path = self.store().path().to_owned();
        let lock = tokio::task::spawn_blocking(move || PushLock::try_acquire(&path))
            .await??
            .ok_or(Error::OfflineCopyInUse)?;
        let unsent = self.store().read(outbox::unsent_count).await?;
        if unsent > 0 && !discard_unsent {
            return Err(Error::UnsentChanges(unsent));
        }
        Ok(lock)
    }

    /// Clears the tokens: the signed-in client's (memory and its store), then where `secrets`
    /// keeps them, so a sign-in is forgotten even when no client was made (no app configured).
    ///
    /// The second clearing holds the refresh lock, the one a refresh holds from reading the
    /// stored pair to saving the new one: a refresh running in another process (the command
    /// line beside the app) finishes first, and its saved pair is cleared, instead of being
    /// saved back after the sign-out. The client is cleared first, without that lock, because
    /// its own refresh holds the client while it waits for the lock.
    async fn forget_sign_in(&self, secrets: &Secrets) -> Result<()> {
        if let Ok(client) = self.client() {
            client.sign_out().await?;
        }
        let lock = SecretTokenStore::for_data_dir(secrets.clone(), self.data_dir())
            .lock_refresh()
            .await
            .map_err(|source| {
                Error::FreshBooks(ledgerline_freshbooks::Error::TokenStore { source })
            })?;
        let secrets = secrets.clone();
        tokio::task::spawn_blocking(move || {
            let cleared = secrets.clear_tokens();
            drop(lock);
            cleared
        })
        .await??;
        self.forget_client();
        Ok(())
    }

    /// Starts the engine again after a refused sign-out, if it ran before.
    fn restart_engine(&self, was_running: bool) {
        if was_running && let Err(e) = self.start_engine() {
            tracing::warn!("the background engine could not start again: {e}");
        }
    }

    /// Reads the user's businesses from FreshBooks and stores them. When the user belongs to
    /// exactly one business it becomes current; otherwise the user chooses (never the first one
    /// silently).
    pub async fn refresh_businesses(&self) -> Result<Vec<UserBusiness>> {
        let me = self.client()?.me().await?;
        let identity = me.identity_id;
        let my_name = [me.first_name.as_deref(), me.last_name.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let memberships: Vec<UserBusiness> = me
            .memberships
            .into_iter()
            .filter_map(|m| {
                Some(UserBusiness {
                    business_id: m.business.id,
                    // A business without an accounting id cannot be mirrored (no accounting API).
                    account_id: m.business.account_id?,
                    business_uuid: m.business.uuid,
                    name: m.business.name,
                    role: m.role,
                    // From identity; unknown when FreshBooks sends none (never guessed).
                    currency_code: m.business.currency_code,
                })
            })
            .collect();
        let list = memberships.clone();
        self.store()
            .write(move |tx| {
                businesses::replace_all(tx, &list)?;
                // Who "mine" is on time entries, and the name on them (for drafting).
                let name = (!my_name.is_empty()).then_some(my_name.as_str());
                for b in &list {
                    crate::store::drafting::set_me(tx, b.business_id, identity, name)?;
                }
                businesses::choose_only(tx, &list)
            })
            .await?;
        Ok(memberships)
    }

    /// The user's businesses as last read from FreshBooks.
    pub async fn businesses(&self) -> Result<Vec<UserBusiness>> {
        self.store().read(businesses::list).await
    }

    /// Businesses FreshBooks no longer lists for this sign-in, kept only for their unsent changes
    /// and not synced until they are listed again (they are still in [`Core::businesses`]).
    pub async fn absent_businesses(&self) -> Result<Vec<BusinessId>> {
        self.store().read(businesses::absent).await
    }

    /// The current business, if one is chosen.
    pub async fn current_business(&self) -> Result<Option<UserBusiness>> {
        self.store()
            .read(|c| match businesses::current(c)? {
                Some(id) => businesses::get(c, id),
                None => Ok(None),
            })
            .await
    }

    /// The current business, or an error saying how to choose one.
    pub async fn require_current(&self) -> Result<UserBusiness> {
        self.current_business()
            .await?
            .ok_or(Error::NoCurrentBusiness)
    }

    /// Makes a business current, named by its id, account id or a unique part of its name.
    /// Instant and offline; the background engine then syncs it first.
    pub async fn use_business(&self, given: &str) -> Result<UserBusiness> {
        let given = given.to_owned();
        let chosen = self
            .store()
            .write(move |tx| {
                let m = businesses::resolve(tx, &given)?;
                businesses::set_current(tx, m.business_id)?;
                Ok(m)
            })
            .await?;
        self.send_input(Input::SwitchBusiness).await;
        Ok(chosen)
    }

    /// A business named by its id, account id or a unique part of its name.
    pub async fn find_business(&self, given: &str) -> Result<UserBusiness> {
        let given = given.to_owned();
        self.store()
            .read(move |c| businesses::resolve(c, &given))
            .await
    }

    /// The business with this id.
    pub async fn business(&self, id: BusinessId) -> Result<UserBusiness> {
        self.store()
            .read(move |c| businesses::get(c, id))
            .await?
            .ok_or(Error::UnknownBusiness(id.to_string()))
    }
}
