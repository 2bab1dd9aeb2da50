# Ledgerline's window in English. Each area is a group (`## area`); keys are `area-thing[-detail]`.
# The French catalog (fr-CA.ftl) has exactly the same keys in the same order.

## common

common-loading = Loading…
common-cancel = Cancel
common-back = Back
common-close = Close
common-dismiss = Dismiss
common-dismiss-label = Dismiss this message
common-try-again = Try again
common-copy = Copy
common-copied = Copied
common-not-copied = Could not copy: select the text and copy it
common-just-now = just now
common-hours = { $hours } h
common-not-built = This screen comes in the next version of Ledgerline.
common-open = Open
common-show-in-folder = Show in folder

## frame

frame-starting = Starting Ledgerline…
frame-no-session = Ledgerline could not start
frame-brand = Ledgerline
frame-sections = Sections
frame-nav-home = Home
frame-nav-clients = Clients
frame-nav-time = Time
frame-nav-invoices = Invoices
frame-nav-sync = Sync
frame-nav-settings = Settings
frame-help-button = Keyboard shortcuts
frame-business = Business
frame-no-business = No business yet
frame-business-list = Your businesses
frame-choose-business = Which business do you want to open?
frame-choose-business-why = You belong to several businesses in FreshBooks. Choose one to start; the switcher at the top changes it at any time.
frame-switch-business = Switch business: { $name }
frame-not-listed = not listed for this sign-in
frame-read-only = read-only
frame-no-currency = currency unknown
frame-role-owner = owner
frame-role-admin = admin
frame-role-team-member = team member
frame-role-client = client
frame-offline = Offline
frame-not-synced = Not synced yet
frame-synced = Synced { $ago }
frame-sync-now = Sync now
frame-sync-cancel = Cancel
frame-sync-cancel-label = Cancel the sync
frame-syncing = Syncing…
frame-sync-progress = Sync progress
frame-pending = { $count ->
    [one] { $count } change to send
   *[other] { $count } changes to send
}
frame-needs-you = { $count ->
    [one] { $count } change needs you
   *[other] { $count } changes need you
}
frame-records = { $done ->
    [one] { $done } record
   *[other] { $done } records
}
frame-records-of = { $done } of { $total } records
frame-demo = You are looking at a demo with sample businesses. Nothing here reaches FreshBooks.
frame-leave-demo = Leave the demo
frame-signed-out = You are signed out of FreshBooks: Ledgerline shows what it keeps on this computer but cannot sync it. Sign in to sync.
frame-sign-in = Sign in
frame-keyring-heading = Ledgerline cannot use this computer’s keyring
frame-keyring-explained = Ledgerline keeps your FreshBooks sign-in in the system’s keyring, and the keyring does not answer. Ledgerline can keep the sign-in in a private file on this computer instead, readable only by your user account.
frame-use-file = Keep my sign-in in a private file on this computer instead
frame-file-heading = Ledgerline cannot use the file that keeps your sign-in
frame-read-only-banner = You are { $role ->
    [owner] an owner
    [admin] an admin
    [team-member] a team member
    [client] a client
   *[other] a { $role_words }
} in { $business }: Ledgerline shows its records but cannot change them. Ask the owner for a role that can edit.
frame-not-listed-banner = FreshBooks no longer lists { $business } for this sign-in: Ledgerline keeps it only for changes not yet sent, and does not sync it.
frame-not-found-title = Nothing here
frame-not-found = This address leads nowhere in Ledgerline.
frame-go-home = Go to Home

## sign-in

sign-in-welcome-title = Welcome to Ledgerline
sign-in-welcome-lead = Your FreshBooks businesses on this computer: clients, time and invoices, even offline.
sign-in-welcome-builtin = Sign in to FreshBooks
sign-in-welcome-builtin-hint = Opens FreshBooks in your browser; you sign in there and come back here.
sign-in-welcome-own = Use my own FreshBooks app
sign-in-welcome-own-hint = Register an app in FreshBooks’ developer portal and sign in with it. Ledgerline walks you through it.
sign-in-welcome-demo = Try the demo
sign-in-welcome-demo-hint = Sample businesses, no account needed. Nothing reaches FreshBooks.
sign-in-title = Finish signing in in your browser
sign-in-opened = Ledgerline opened FreshBooks’ sign-in page in your browser. Sign in there and allow Ledgerline: your browser then hands the answer back, and this window moves on by itself.
sign-in-not-opened = Ledgerline could not open your browser. Open this address in your browser to sign in:
sign-in-address = The sign-in address, if you need to open it again:
sign-in-copy-address = Copy the sign-in address
sign-in-paste-heading = Nothing happened after you allowed Ledgerline?
sign-in-paste-explained = Your browser shows a page saying so, with an address. Copy that address (or the one in the browser’s address bar) and paste it here:
sign-in-paste-label = The address your browser ended on
sign-in-paste-submit = Finish signing in
sign-in-own-app-title = Use your own FreshBooks app
sign-in-own-app-lead = FreshBooks lets an app read your businesses only once it is registered. Register one for yourself in a few minutes:
sign-in-own-app-step-portal = Open FreshBooks’ developer portal and sign in with your FreshBooks account:
sign-in-own-app-open-portal = Open the developer portal
sign-in-own-app-step-create = Create a new app. Any name will do, for example “Ledgerline”.
sign-in-own-app-step-redirect = Under Redirect URIs, add this address exactly as shown:
sign-in-own-app-step-scopes = Under Scopes, add each of these:
sign-in-own-app-step-save = Save the app. FreshBooks then shows its Client ID and Client Secret: copy them into the fields below.
sign-in-own-app-client-id = Client ID
sign-in-own-app-client-secret = Client Secret
sign-in-own-app-secret-hint = Ledgerline keeps it safe on this computer and never writes it to a log.
sign-in-own-app-need-id = Paste the Client ID FreshBooks shows for your app.
sign-in-own-app-need-secret = Paste the Client Secret FreshBooks shows for your app.
sign-in-own-app-save = Save and sign in
sign-in-own-app-copy-redirect = Copy the redirect address
sign-in-own-app-copy-scopes = Copy the scopes
sign-in-own-app-copy-portal = Copy the developer portal’s address
sign-in-heading-state-mismatch = This sign-in answer is not from a sign-in Ledgerline started
sign-in-heading-replayed = This sign-in answer was already used
sign-in-heading-stale = This sign-in took too long
sign-in-heading-failed = FreshBooks ended the sign-in
sign-in-heading-app-rejected = FreshBooks did not accept the app’s registration
sign-in-heading-not-an-address = That is not a sign-in address
sign-in-heading-keyring = Ledgerline could not keep the sign-in
sign-in-heading-other = The sign-in did not finish

## settings

settings-title = Settings
settings-version = Version
settings-system = System
settings-sync-heading = Sync
settings-sync-every = Sync in the background
settings-sync-minutes = { $minutes ->
    [one] Every minute
   *[other] Every { $minutes } minutes
}
settings-sync-hour = Every hour
settings-sync-day = Once a day
settings-sync-hint = Time entries, invoices and clients are fetched this often; “Sync now” fetches everything at once.
settings-appearance = Appearance
settings-language = Language
settings-language-system = System ({ $language })
settings-language-en = English
settings-language-fr-ca = Français (Canada)
settings-theme = Theme
settings-theme-light = Light
settings-theme-dark = Dark
settings-theme-system = System
settings-saved = Saved
settings-data-heading = Your data
settings-data-folder = Data folder
settings-open-data-folder = Open the data folder
settings-log-folder = Log folder
settings-open-log-folder = Open the log folder
settings-export-heading = Export a list
settings-export-hint = The file goes to your Downloads folder.
settings-export-list = List
settings-export-clients = Clients
settings-export-time = Time entries
settings-export-invoices = Invoices
settings-export-format = Format
settings-export-csv = CSV (spreadsheet)
settings-export-json = JSON
settings-export = Export
settings-exporting = Exporting…
settings-exported = { $rows ->
    [one] { $rows } row written to { $path }
   *[other] { $rows } rows written to { $path }
}
settings-account = FreshBooks sign-in
settings-sign-out = Sign out…
settings-sign-out-hint = Removes your FreshBooks sign-in from this computer.
settings-dialog-title = Sign out of FreshBooks
settings-dialog-text = Ledgerline forgets your FreshBooks sign-in on this computer. Your businesses in FreshBooks are not touched.
settings-remove-copy = Also remove the offline copy of my businesses from this computer
settings-remove-copy-hint = Left unticked, your records stay readable here, and signing in again only fetches what changed. Ticked, nothing of your businesses stays on this computer.
settings-confirm-sign-out = Sign out
settings-unsent = { $count ->
    [one] { $count } change made here has not reached FreshBooks yet. Removing the offline copy loses it; keep the copy, or sync first, to send it.
   *[other] { $count } changes made here have not reached FreshBooks yet. Removing the offline copy loses them; keep the copy, or sync first, to send them.
}
settings-discard = { $count ->
    [one] Remove it anyway and lose { $count } change
   *[other] Remove it anyway and lose { $count } changes
}

## help

help-title = Keyboard shortcuts
help-intro = Tab and Shift+Tab move between controls; Enter or Space presses the one in focus; Escape closes a dialog or a list.
help-keys = Keys
help-action = Action
help-new-client = New client
help-new-time = New time entry
help-search = Search
help-sync-now = Sync now
help-switch-business = Switch business
help-go-home = Go to Home
help-go-clients = Go to Clients
help-go-time = Go to Time
help-go-settings = Go to Settings
help-show = Show this list
help-or = or
help-key-ctrl = Ctrl
help-key-shift = Shift
help-key-alt = Alt
help-go-invoices = Go to Invoices
help-go-sync = Go to Sync
help-save-draft = Save the invoice draft

## errors

error-action-sign-in = Sign in again
error-action-check-registration = Check the app’s registration
error-action-sync = Sync now
error-action-review = Review changes
error-action-use-file = Keep my sign-in in a private file instead
error-action-choose-business = Choose a business
error-action-open-log-folder = Open the log folder
error-not-signed-in = You are not signed in to FreshBooks. Sign in to continue.
error-sign-in-expired = FreshBooks ended your sign-in (it expired or was revoked). Sign in again to keep syncing.
error-app-rejected = FreshBooks refused the app’s registration: check its Client ID, Client Secret and redirect address.
error-sign-in-state-mismatch = This sign-in answer does not match a sign-in Ledgerline started. Start the sign-in again from this window.
error-sign-in-failed = FreshBooks ended the sign-in ({ $error }). Sign in again, and allow Ledgerline when FreshBooks asks.
error-sign-in-stale = This sign-in was started too long ago, or before Ledgerline restarted. Sign in again.
error-sign-in-replayed = This sign-in answer was already used once. Sign in again to get a new one.
error-not-a-sign-in-address = This is not the address FreshBooks sends back after a sign-in. Copy the whole address your browser ended on.
error-token-store = Ledgerline could not keep or read your sign-in on this computer.
error-bad-setting = This setting cannot be used ({ $setting }).
error-forbidden = Your role in this business does not allow this. Ask the owner for a role that can.
error-remote-not-found = FreshBooks no longer has this record. Sync to bring this computer up to date.
error-rejected = FreshBooks refused this change: { $message }
error-rate-limited = FreshBooks asks Ledgerline to slow down. Ledgerline tries again in a moment.
error-unreachable = FreshBooks cannot be reached: you may be offline. Your changes wait on this computer and are sent once FreshBooks answers.
error-outcome-unknown = FreshBooks’ answer was lost, so Ledgerline cannot tell whether this was done. Check in FreshBooks before trying again.
error-server-error = FreshBooks failed on its side (error { $status }). Try again in a few minutes.
error-unreadable-answer = FreshBooks answered something Ledgerline cannot read. Try again; if it keeps happening, report it.
error-entity-unavailable = FreshBooks does not give this sign-in access to these records: { $reason }
error-storage = Ledgerline could not read or write its data on this computer. Check that the disk has room, then try again.
error-database-upgrade = The data on this computer comes from a newer Ledgerline, or could not be upgraded. Update Ledgerline.
error-damaged-record = A record on this computer is damaged. Sync to fetch it again from FreshBooks.
error-data-folder = Ledgerline cannot use its data folder: { $path }
error-internal-task = Part of Ledgerline stopped unexpectedly. Restart Ledgerline; if it keeps happening, report it.
error-unsent-changes = { $count ->
    [one] { $count } change made here has not reached FreshBooks yet.
   *[other] { $count } changes made here have not reached FreshBooks yet.
}
error-offline-copy-in-use = Another Ledgerline on this computer is sending changes from the offline copy. Close it, then try again.
error-offline-copy-removed = The offline copy was removed. Sign in again to fetch your businesses.
error-no-current-business = Choose a business first, with the switcher at the top.
error-unknown-business = Ledgerline knows no business “{ $given }”.
error-record-not-found = This record is not in this business any more. Sync to bring this computer up to date.
error-too-late-to-undo = Too late to undo: this change is on its way to FreshBooks, or already there.
error-change-in-doubt = This change may already be in FreshBooks; it can be undone once Ledgerline has checked. Sync now to check.
error-used-by-pending-draft = This time entry is billed by an invoice not yet sent; undo the invoice first.
error-sync-incomplete = { $failed ->
    [0] The sync finished, but { $waiting } changes still wait to be sent.
    [one] The sync finished, but one step failed and { $waiting } changes still wait.
   *[other] The sync finished, but { $failed } steps failed and { $waiting } changes still wait.
}
error-changes-need-you = FreshBooks refused { $refused } changes and { $conflicts } conflict with changes made in FreshBooks. Review them.
error-other-sender = Another Ledgerline on this computer is sending these changes right now. They will be sent once it finishes.
error-business-not-listed = FreshBooks no longer lists { $business } for this sign-in: its changes wait on this computer.
error-no-keyring = No keyring answered on this computer, so Ledgerline cannot keep your sign-in there ({ $reason }).
error-keyring-failed = The keyring refused or failed ({ $reason }). Unlock it, or keep your sign-in in a private file instead.
error-token-file = Ledgerline cannot use the file that keeps your sign-in: { $path }
error-damaged-sign-in = The sign-in kept on this computer is damaged. Sign in again.
error-timer-running = A timer already runs (started { $started }). Stop it before starting another.
error-no-timer = No timer is running.
error-invoice-not-in-freshbooks = FreshBooks does not have this invoice yet: sync first, then try again.
error-invoice-changes-waiting = Changes to this invoice have not reached FreshBooks yet: sync first, so the PDF or the email shows them.
error-email-maybe-sent = FreshBooks’ answer was lost and the invoice does not show whether the email went out: it may have been sent. Check before sending it again.
error-no-email-recipients = Give at least one email address to send the invoice to.
error-bad-email-recipients = FreshBooks cannot send to { $recipients }: check the address and try again.
error-cancelled = Cancelled.
error-bad-request = Ledgerline’s window sent a request its shell cannot read. Restart Ledgerline; if it keeps happening, report it.
error-no-shell = The Ledgerline shell is not answering: open Ledgerline from its desktop app rather than a web browser.
error-shell-mismatch = Ledgerline’s window and its shell disagree ({ $detail }); restart Ledgerline, and if this keeps happening, report it with this message.
error-invalid-field = This value cannot be used ({ $field }): { $problem }
error-field-required = it must be given.
error-field-needs-name = a client needs an organization or a first or last name.
error-field-not-an-amount = “{ $given }” is not an amount, such as 95 or 95.50.
error-field-not-a-date = “{ $given }” is not a day, such as 2026-03-31.
error-field-not-a-time = “{ $given }” is not a time, such as 2026-03-01 09:00.
error-field-not-a-currency = “{ $given }” is not a currency: use three letters, such as CAD or USD.
error-field-cannot-clear = FreshBooks cannot clear it; give a value instead.
error-field-cannot-send = Ledgerline cannot send “{ $given }” to FreshBooks, so the change would be lost; leave it out (these can be sent: { $allowed }).
error-field-never-created = this change builds on a record that was never created in FreshBooks (its creation was refused or undone); undo this change.
error-field-other-business = this record belongs to another business.
error-field-compound-first-tax = only a line’s second tax can be charged on top of the first; make the first tax simple.
error-field-unknown-visibility = { $code } is not a state FreshBooks documents; choose active, archived or deleted.
error-ambiguous-business = “{ $given }” names more than one business ({ $matches }). Choose one with the switcher at the top.
error-unknown-entity = Ledgerline keeps no records of the kind “{ $given }”.
error-draft-no-entries = No time is ticked for this invoice. Tick some entries, widen the dates or pick another client.
error-draft-too-many-lines = This invoice would have { $lines } lines; FreshBooks accepts at most { $max }.
error-draft-no-rate = { $count ->
        [one] One entry has no rate
       *[other] { $count } entries have no rate
    }: no project, service or team member rate applies. Give your business’s hourly rate.
error-draft-too-many-taxes = FreshBooks allows at most two taxes per line.
error-draft-changed = This time changed since the preview (in another window or by a sync). Nothing was saved: check the new preview, then save again.
error-entries-already-billed = { $count ->
        [one] One of these entries is already billed, or on another draft:
       *[other] { $count } of these entries are already billed, or on another draft:
    } the invoice was not made.
error-billed-in-freshbooks = { $count ->
        [one] FreshBooks shows one of these entries as billed already:
       *[other] FreshBooks shows { $count } of these entries as billed already:
    } the invoice was not made.
error-no-such-conflict = This conflict was already settled (in another window or from the command line). The page now shows what is left.

## home

home-title = Home
home-scope-all = All businesses
home-all-businesses = Figures for all your businesses together, each currency on its own
home-no-business = Choose a business with the switcher above.
home-no-currency = Currency not known yet
home-unbilled = Unbilled time
home-unbilled-none = No unbilled time.
home-unbilled-without-rate = { $count ->
    [one] 1 entry ({ $hours }) has no rate and is not in this amount
   *[other] { $count } entries ({ $hours }) have no rate and are not in this amount
}
home-unbilled-no-currency = { $hours } for clients without a currency
home-outstanding = Outstanding invoices
home-outstanding-none = Nothing is owed.
home-overdue = Overdue invoices
home-overdue-none = Nothing is overdue.
home-invoices-count = { $count ->
    [one] 1 invoice
   *[other] { $count } invoices
}
home-aging-title = What clients owe, by how late
home-aging-intro = Days past each invoice's due date. One chart per currency: amounts in different currencies are never added.
home-aging-nothing = No client owes anything.
home-aging-caption = Owed in { $currency }, per client
home-aging-current = Not yet due
home-aging-1-30 = 1–30 days late
home-aging-31-60 = 31–60 days late
home-aging-61-90 = 61–90 days late
home-aging-over-90 = Over 90 days late
home-aging-segment = { $client }, { $bucket }: { $amount }
home-aging-more = { $count ->
    [one] 1 more client owes in this currency: see all clients by amount owed
   *[other] { $count } more clients owe in this currency: see all clients by amount owed
}
home-aging-as-table = Show these figures as a table
home-aging-client = Client
home-aging-total = Total

## clients

clients-title = Clients
clients-new = New client
clients-new-title = New client
clients-read-only = Your role in this business cannot add or change clients. Ask the owner for a role that can edit.
clients-offline-note = Changes are saved on this computer at once and sent to FreshBooks when it can be reached.
clients-search = Search clients
clients-search-placeholder = Search by name or email
clients-sort = Sort by
clients-sort-name = Name
clients-sort-outstanding = Amount owed
clients-sort-recent = Recently changed
clients-filter-archived = Show archived
clients-filter-deleted = Show deleted
clients-count = { $count ->
    [0] No clients
    [one] 1 client
   *[other] { $count } clients
}
clients-list-label = Clients: arrow keys move, Enter opens
clients-column-name = Name
clients-column-outstanding = Owed
clients-none = No clients yet. Add one with “New client”.
clients-none-found = No client matches. Check the spelling, or show archived and deleted clients too.
clients-not-found = This client is not in this business any more. Go back to the list.
clients-badge-pending = Not sent yet
clients-badge-pending-title = A change to this client waits to be sent to FreshBooks.
clients-badge-conflict = Conflict
clients-badge-conflict-title = This client was changed here and in FreshBooks: choose which version to keep on the Sync page.
clients-badge-archived = Archived
clients-badge-deleted = Deleted
clients-form-who = Who
clients-form-name-hint = Give an organization, or a first or last name.
clients-form-address = Address
clients-form-billing = Billing
clients-field-organization = Organization
clients-field-first-name = First name
clients-field-last-name = Last name
clients-field-email = Email
clients-field-business-phone = Business phone
clients-field-mobile-phone = Mobile phone
clients-field-street = Street
clients-field-street2 = Street, second line
clients-field-city = City
clients-field-province = Province or state
clients-field-postal-code = Postal code
clients-field-country = Country
clients-field-currency = Currency
clients-field-currency-hint = Three letters, such as CAD or USD. Left empty, the business's currency is used.
clients-field-note = Private note
clients-problem-needs-name = A client needs a name: give an organization, or a first or last name.
clients-problem-email = This is not an email address: write it like name@example.com.
clients-problem-currency = This is not a currency code: use three letters, such as CAD or USD.
clients-problem-cannot-clear = FreshBooks cannot empty this field: give a value instead.
clients-problem-required = This field must be filled in.
clients-problem-other = This value cannot be used: { $detail }
clients-save = Save
clients-actions = What to do with this client
clients-state-active = Active
clients-state-archived = Archived
clients-state-deleted = Deleted
clients-archive = Archive
clients-restore = Restore
clients-delete = Delete
clients-edit-again = Edit again
clients-undo = Undo
clients-done-created = Client added. It will be sent to FreshBooks when it can be reached.
clients-done-edited = Changes saved. They will be sent to FreshBooks when it can be reached.
clients-done-archived = Client archived.
clients-done-deleted = Client deleted.
clients-done-restored = Client restored.
clients-too-late = It has already reached FreshBooks, so it cannot be undone; do the opposite instead.

## time

time-title = Time
time-new = New time entry
time-read-only = Your role in this business cannot log or change time. Ask the owner for a role that can edit.
time-filters = Filters
time-filter-from = From
time-filter-to = To
time-filter-billed = Billed
time-billed-all = All
time-billed-unbilled = Unbilled
time-billed-billed = Billed
time-choice-all = All
time-choice-none = None
time-unnamed = (no name)
time-total-hours = Total
time-total-billable = Billable
time-total-entries = Entries
time-entries-count = { $count ->
    [one] 1 entry
   *[other] { $count } entries
}
time-showing-first = Showing the latest { $count } entries; narrow the filters to see older ones. The totals count every entry.
time-list-label = Time entries: arrow keys move, Enter opens
time-column-date = Date
time-column-duration = Time
time-column-what = Client, project, service
time-column-note = Note
time-none = No time entries match these filters.
time-badge-billed = Billed
time-not-billable = Not billable
time-form-new = New time entry
time-form-edit = Edit time entry
time-field-date = Date
time-field-duration = Time spent
time-field-duration-hint = Hours and minutes, such as 1:30, or hours, such as 1.5.
time-field-client = Client
time-field-project = Project
time-field-service = Service
time-field-member = Team member
time-field-note = Note
time-field-billable = Billable
time-problem-date = Choose a date.
time-problem-duration = Write the time spent as hours and minutes, such as 1:30, or as hours, such as 1.5 (at most 24 hours).
time-save = Save entry
time-timer-title = Timer
time-timer-start = Start timer
time-timer-stop = Stop and log
time-timer-discard = Discard
time-timer-no-client = No client

## sync

sync-title = Sync
sync-now = Sync now
sync-cancel = Cancel
sync-cancel-label = Cancel the sync (what it already wrote stays)
sync-online = Online
sync-offline = Offline
sync-never = Not synced yet
sync-last-synced = Last synced { $ago }
sync-exactly = ({ $when })
sync-progress-label = Sync progress
sync-records-of = { $done } of { $total } records
sync-records-so-far = { $done ->
    [one] { $done } record so far
   *[other] { $done } records so far
}
sync-reading = Reading { $what }
sync-time-left-unknown = Working out the time left…
sync-time-left-under-a-minute = less than a minute left
sync-time-left-minutes = { $count ->
    [one] about a minute left
   *[other] about { $count } minutes left
}
sync-time-left-hours = { $count ->
    [one] about an hour left
   *[other] about { $count } hours left
}
sync-token-good = Signed in to FreshBooks: Ledgerline renews the access as it needs to.
sync-token-refused = FreshBooks refused to renew Ledgerline’s sign-in (it ends after a while, or access was removed in FreshBooks). Sign in again to sync; nothing waiting here is lost.
sync-token-signed-out = You are not signed in to FreshBooks: Ledgerline keeps your changes on this computer until you sign in.
sync-token-unreadable = Ledgerline cannot read your sign-in: this computer’s keyring does not answer. It can keep the sign-in in a private file on this computer instead.
sync-sign-in-again = Sign in again
sync-use-file = Keep my sign-in in a private file instead
sync-backoff-rate-limited = FreshBooks asked us to slow down; resuming at { $at }
sync-backoff-waiting = FreshBooks is not answering; trying again at { $at }
sync-backoff-in-flight = { $count ->
    [one] Meanwhile, one request at a time.
   *[other] Meanwhile, { $count } requests at a time.
}
sync-read-only = Your role in this business lets you see the changes but not settle or undo them. Ask the owner for a role that can.
sync-conflicts-title = Conflicts
sync-conflicts-explained = The same fields were changed here and in FreshBooks. For each group of fields, keep yours or use FreshBooks’ values.
sync-conflicts-none = No conflicts.
sync-conflict-heading = { $record }: { $group }
sync-conflict-found = found { $ago }
sync-mine = Mine
sync-theirs = FreshBooks
sync-keep-mine = Keep mine
sync-take-freshbooks = Use FreshBooks’
sync-keep-mine-label = Keep mine for { $record }: { $group }
sync-take-freshbooks-label = Use FreshBooks’ values for { $record }: { $group }
sync-refused-title = Refused by FreshBooks
sync-refused-none = Nothing was refused.
sync-refused-todo-edit = Edit the record to correct it, or undo the change to drop it.
sync-refused-todo-undo = Undo the change to drop it.
sync-refused-todo-unknown = Sent, but no answer came: Ledgerline checks with FreshBooks at the next sync before sending it again.
sync-pending-title = Waiting to be sent
sync-pending-none = Nothing waits to be sent.
sync-column-change = Change
sync-column-made = Made
sync-column-state = State
sync-column-actions = Actions
sync-column-what = What
sync-column-last-synced = Last synced
sync-column-records = Records
sync-column-notes = Notes
sync-undo = Undo
sync-edit = Edit
sync-no-undo-sending = Being sent: too late to undo.
sync-no-undo-unknown = Ledgerline is checking whether FreshBooks got it: it cannot be undone meanwhile.
sync-no-undo-sent = Already in FreshBooks: too late to undo.
sync-no-undo-billed-by-draft = An invoice draft waiting to be sent bills this time (change { $draft }): undo the draft first.
sync-no-undo-partly-sent = Part of this draft already reached FreshBooks: too late to undo.
sync-label-invoice = Invoice { $number }
sync-label-new-invoice = New invoice
sync-label-new-invoice-for = New invoice for { $client }
sync-label-time = Time on { $day }
sync-label-time-for = Time on { $day }, { $client }
sync-label-record = { $entity }: record { $id }
sync-entities-title = What was synced
sync-count = { $count }
sync-resumable = { $done ->
    [one] Stopped after { $done } record; the next sync carries on from there.
   *[other] Stopped after { $done } records; the next sync carries on from there.
}
sync-resumable-of = Stopped after { $done } of { $total } records; the next sync carries on from there.
sync-quarantined = { $count ->
    [one] { $count } record set aside: FreshBooks sent it in a form Ledgerline cannot read.
   *[other] { $count } records set aside: FreshBooks sent them in a form Ledgerline cannot read.
}
sync-empty = (empty)
sync-yes = Yes
sync-no = No
sync-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
sync-percent = { $value }%
sync-line = { $name } ({ $qty } × { $rate })
sync-lines = { $count ->
    [0] no lines
    [one] 1 line: { $lines }
   *[other] { $count } lines: { $lines }
}
sync-entity-clients = Clients
sync-entity-invoices = Invoices
sync-entity-time-entries = Time entries
sync-entity-projects = Projects
sync-entity-services = Services
sync-entity-service-rates = Service rates
sync-entity-taxes = Taxes
sync-entity-payments = Payments
sync-entity-estimates = Estimates
sync-entity-expenses = Expenses
sync-entity-items = Items
sync-op-create-client = New client
sync-op-update-client = Client changed
sync-op-archive-client = Client archived
sync-op-delete-client = Client deleted
sync-op-restore-client = Client restored
sync-op-create-time-entry = Time logged
sync-op-update-time-entry = Time entry changed
sync-op-create-invoice = New invoice
sync-op-update-invoice = Invoice changed
sync-op-mark-billed = Time marked billed
sync-op-draft-invoice = Invoice drafted from time
sync-state-pending = Waiting
sync-state-sending = Being sent
sync-state-unknown = In doubt
sync-state-done = Sent
sync-state-rejected = Refused
sync-state-conflict = In conflict
sync-state-undone = Undone
sync-group-name = Name
sync-group-contact = Contact details
sync-group-address = Address
sync-group-billing = Billing
sync-group-time = Date and length
sync-group-assignment = Client, project and service
sync-group-note = Note
sync-group-header = Invoice details
sync-group-lines = Lines
sync-group-notes = Notes and terms
sync-group-other = Other fields
sync-group-all = All fields
sync-field-first-name = First name
sync-field-last-name = Last name
sync-field-organization = Organization
sync-field-email = Email
sync-field-business-phone = Business phone
sync-field-mobile-phone = Mobile phone
sync-field-street = Street
sync-field-street2 = Street (line 2)
sync-field-city = City
sync-field-province = Province or state
sync-field-postal-code = Postal code
sync-field-country = Country
sync-field-currency = Currency
sync-field-language = Language
sync-field-note = Note
sync-field-started-at = Date
sync-field-duration = Length
sync-field-client = Client
sync-field-project = Project
sync-field-service = Service
sync-field-task = Task
sync-field-team-member = Team member
sync-field-billable = Billable
sync-field-billed = Billed
sync-field-internal = Internal
sync-field-create-date = Invoice date
sync-field-due-offset = Due after
sync-field-invoice-number = Invoice number
sync-field-po-number = PO number
sync-field-notes = Notes
sync-field-terms = Terms
sync-field-discount = Discount
sync-field-lines = Lines

## invoices

invoices-title = Invoices
invoices-new = Draft an invoice
invoices-read-only = Your role in this business cannot draft invoices. Ask the owner for a role that can edit.
invoices-export = Export
invoices-search = Search invoices
invoices-search-placeholder = Search by number, client or line
invoices-status = Status
invoices-status-all = All
invoices-status-draft = Drafts
invoices-status-outstanding = Outstanding
invoices-status-overdue = Overdue
invoices-status-paid = Paid
invoices-status-deleted = Deleted
invoices-client = Client
invoices-client-all = All clients
invoices-client-number = Client { $id }
invoices-count = { $count ->
    [0] No invoices
    [one] 1 invoice
   *[other] { $count } invoices
}
invoices-total-amount = Total
invoices-total-outstanding = Still owed
invoices-none = No invoices yet. Draft one from a client's unbilled time with “Draft an invoice”.
invoices-none-found = No invoice matches these filters.
invoices-list-label = Invoices: arrow keys move, Enter opens
invoices-column-status = Status
invoices-column-number = Number
invoices-column-client = Client
invoices-column-date = Date
invoices-column-due = Due
invoices-column-amount = Amount
invoices-column-outstanding = Owed
invoices-state-draft = Draft
invoices-state-sent = Sent
invoices-state-viewed = Viewed
invoices-state-partial = Partly paid
invoices-state-overdue = Overdue
invoices-state-paid = Paid
invoices-state-disputed = Disputed
invoices-state-deleted = Deleted
invoices-state-other = Other
invoices-pending = Pending
invoices-pending-title = Made here and not yet in FreshBooks: it gets its number at the next sync.
invoices-no-client = (no client)
invoices-badge-changed-title = A change to this invoice waits to be sent to FreshBooks.
invoices-badge-conflict-title = This invoice was changed here and in FreshBooks: choose which version to keep on the Sync page.
invoices-not-found = This invoice is not in this business. Go back to the list.
invoices-detail-title = Invoice { $number }
invoices-detail-title-pending = New invoice (pending)
invoices-last-emailed = Last sent by email
invoices-line-item = Item
invoices-line-qty = Quantity
invoices-line-rate = Rate
invoices-line-taxes = Taxes
invoices-line-amount = Amount
invoices-subtotal = Subtotal
invoices-tax-total = { $tax } ({ $percent } %)
invoices-discount = Discount
invoices-total = Total
invoices-actions = What to do with this invoice
invoices-download-pdf = Download PDF
invoices-downloading = Downloading…
invoices-send-email = Send by email
invoices-reason-pending = Pending: sync first, so FreshBooks has this invoice.
invoices-reason-offline = Offline: FreshBooks cannot be reached right now.
invoices-reason-read-only = Your role in this business may not send invoices.
invoices-email-confirm-resend = This invoice may already have gone out: FreshBooks’ answer was lost. Check with your client or in FreshBooks; send it again only if it did not arrive.
invoices-email-send-again = Send it again anyway
invoices-pdf-saved = Saved { $file } in your Downloads folder.
invoices-emailed = FreshBooks is sending the invoice by email.
invoices-email-title = Send the invoice by email
invoices-email-recipients = To
invoices-email-recipients-hint = One or more email addresses, separated by commas.
invoices-email-problem-none = Give at least one email address.
invoices-email-problem-address = “{ $address }” is not an email address: write it like name@example.com.
invoices-email-attach = Attach the PDF
invoices-email-send = Send
invoices-email-sending = Sending…
invoices-pending-note = This invoice is saved on this computer and goes to FreshBooks at the next sync.
invoices-undo = Undo
invoices-too-late = It has already reached FreshBooks, so it can no longer be undone.

## drafting

drafting-title = Draft an invoice
drafting-back = Back to invoices
drafting-read-only = Your role in this business may look at a draft but not save one: ask the business's owner for access.
drafting-no-clients = No client has unbilled time. Log time on the Time page, then come back.
drafting-client-no-time = This client has no unbilled time in this range. Widen the dates or pick another client.
drafting-step-client = 1. Client and time
drafting-client = Client
drafting-client-choose = Choose a client…
drafting-client-option = { $name } ({ $hours })
drafting-from = From
drafting-to = To
drafting-projects = Projects
drafting-projects-hint = None ticked: every project, and time without one.
drafting-step-entries = 2. Unbilled time
drafting-no-entries = No unbilled time to show.
drafting-entry-include = On the invoice
drafting-entry-date = Date
drafting-entry-member = Team member
drafting-entry-what = Project · service
drafting-entry-note = Note
drafting-entry-hours = Hours
drafting-entries-total = { $count } of { $all } { $all ->
        [one] entry
       *[other] entries
    } ticked · { $hours }
drafting-member-you = You
drafting-member-id = Team member { $id }
drafting-not-billable = Not billable
drafting-in-doubt = Waits for the next sync
drafting-include-non-billable = Also bill time marked not billable
drafting-step-layout = 3. Layout and rounding
drafting-grouping = Layout
drafting-grouping-per-entry = One line per time entry
drafting-grouping-by-service = One line per service
drafting-grouping-by-project = One line per project
drafting-grouping-by-project-and-service = One line per project and service
drafting-grouping-by-team-member = One line per team member
drafting-grouping-by-day = One line per day
drafting-grouping-summary = One summary line
drafting-rounding = Round each entry to
drafting-rounding-none = No rounding
drafting-rounding-6 = 6 minutes
drafting-rounding-15 = 15 minutes
drafting-rounding-30 = 30 minutes
drafting-rounding-mode = Rounding
drafting-rounding-up = Up
drafting-rounding-nearest = To the nearest
drafting-rounding-down = Down
drafting-rounding-minimum = Minimum per entry (minutes)
drafting-rounding-minimum-hint = 0 for none.
drafting-minimum-problem = Write a whole number of minutes, such as 15.
drafting-rounding-hint = Rounding applies on the invoice only: your time entries keep their exact time.
drafting-step-taxes = 4. Taxes and descriptions
drafting-tax-1 = Tax
drafting-tax-2 = Second tax
drafting-tax-none = No tax
drafting-tax-option = { $name } ({ $percent }%)
drafting-tax-option-compound = { $name } ({ $percent }%, compound)
drafting-tax-hint = A compound tax is charged on the amount plus the first tax.
drafting-template = Line description
drafting-template-hint = Each placeholder below is replaced on each line.
drafting-placeholders = Placeholders
drafting-placeholder-service = the service's name
drafting-placeholder-project = the project's name
drafting-placeholder-member = who did the work
drafting-placeholder-date = the day (a grouped line: its first and last day)
drafting-placeholder-note = the note (a grouped line: its notes joined by “; ”)
drafting-preview-now = Preview
drafting-business-rate = Your business's hourly rate
drafting-business-rate-hint = FreshBooks does not share it with other apps: Ledgerline remembers it once you give it.
drafting-business-rate-needed = Some of this time has no project, service or team member rate: it is billed at your business's hourly rate. What is that rate?
drafting-business-rate-save = Keep this rate
drafting-business-rate-problem = Write an amount, such as 120 or 95.50.
drafting-business-rate-is = Business hourly rate: { $rate }.
drafting-business-rate-unset = No business hourly rate given.
drafting-business-rate-change = Change
drafting-preview = Preview
drafting-preview-empty = Choose a client with unbilled time to see the invoice here.
drafting-line-item = Item
drafting-line-hours = Hours
drafting-line-rate = Rate
drafting-line-amount = Amount
drafting-source-project = Project rate
drafting-source-service = Service rate
drafting-source-member = Team member rate
drafting-source-business = Business rate
drafting-source-flat-fee = Flat fee
drafting-subtotal = Subtotal
drafting-tax-total = { $name } ({ $percent }%)
drafting-tax-total-compound = { $name } ({ $percent }%, compound)
drafting-total = Total
drafting-warning-zero-rate = { $count ->
        [one] One entry is billed at a rate of zero.
       *[other] { $count } entries are billed at a rate of zero.
    } Set a rate in FreshBooks or give your business's rate.
drafting-warning-non-billable = { $count ->
        [one] One entry marked not billable is left out.
       *[other] { $count } entries marked not billable are left out.
    }
drafting-warning-non-billable-included = { $count ->
        [one] One entry marked not billable is on this invoice.
       *[other] { $count } entries marked not billable are on this invoice.
    }
drafting-include-them = Bill them too
drafting-leave-out-non-billable = Leave them out
drafting-too-many-lines = This invoice would have { $lines } lines; FreshBooks accepts at most { $max }.
drafting-use-grouping = Use “{ $layout }”
drafting-save = Save draft
drafting-saving = Saving…
drafting-save-hint = Saved on this computer, sent to FreshBooks at the next sync. Ctrl+S saves.
drafting-error-forbidden = Your role in this business may not save invoices: ask the business's owner for access.
drafting-fix-reload = Show what is left to bill
drafting-fix-business-rate = Give the business rate
drafting-fix-entries = Tick entries
drafting-fix-taxes = Choose the taxes
