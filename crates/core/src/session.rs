//! Who is signed in and which business is current: the user's memberships (from FreshBooks'
//! `/users/me`), kept in the mirror so switching business is instant and works offline.

use ledgerline_model::ids::BusinessId;

use crate::Core;
use crate::error::{Error, Result};
use crate::store::businesses;
use crate::sync::engine::Input;
use ledgerline_model::entity::UserBusiness;

impl Core {
    /// Reads the user's businesses from FreshBooks and stores them. When the user belongs to
    /// exactly one business it becomes current; otherwise the user chooses (never the first one
    /// silently).
    pub async fn refresh_businesses(&self) -> Result<Vec<UserBusiness>> {
        let me = self.client()?.me().await?;
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
                if let [only] = list.as_slice()
                    && businesses::current(tx)?.is_none()
                {
                    businesses::set_current(tx, only.business_id)?;
                }
                Ok(())
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
