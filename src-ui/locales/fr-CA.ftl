# La fenêtre de Ledgerline en français canadien. Chaque domaine est un groupe (`## domaine`);
# mêmes clés, dans le même ordre, que le catalogue anglais (en.ftl).

## common

common-loading = Chargement…
common-cancel = Annuler
common-back = Retour
common-close = Fermer
common-dismiss = Fermer
common-dismiss-label = Fermer ce message
common-try-again = Réessayer
common-copy = Copier
common-copied = Copié
common-not-copied = Impossible de copier : sélectionnez le texte et copiez-le
common-just-now = à l’instant
common-hours = { $hours } h
common-not-built = Cet écran arrive dans la prochaine version de Ledgerline.
common-open = Ouvrir
common-show-in-folder = Afficher dans le dossier

## frame

frame-starting = Démarrage de Ledgerline…
frame-no-session = Ledgerline n’a pas pu démarrer
frame-brand = Ledgerline
frame-sections = Sections
frame-nav-home = Accueil
frame-nav-clients = Clients
frame-nav-time = Temps
frame-nav-invoices = Factures
frame-nav-sync = Synchronisation
frame-nav-settings = Paramètres
frame-help-button = Raccourcis clavier
frame-business = Entreprise
frame-no-business = Aucune entreprise pour l’instant
frame-business-list = Vos entreprises
frame-choose-business = Quelle entreprise voulez-vous ouvrir ?
frame-choose-business-why = Vous faites partie de plusieurs entreprises dans FreshBooks. Choisissez-en une pour commencer ; le sélecteur en haut vous permet d’en changer en tout temps.
frame-switch-business = Changer d’entreprise : { $name }
frame-not-listed = absente de cette connexion
frame-read-only = lecture seule
frame-no-currency = devise inconnue
frame-role-owner = propriétaire
frame-role-admin = administrateur
frame-role-team-member = membre de l’équipe
frame-role-client = client
frame-offline = Hors ligne
frame-not-synced = Pas encore synchronisé
frame-synced = Synchronisé { $ago }
frame-sync-now = Synchroniser
frame-sync-cancel = Annuler
frame-sync-cancel-label = Annuler la synchronisation
frame-syncing = Synchronisation…
frame-sync-progress = Progression de la synchronisation
frame-pending = { $count ->
    [one] { $count } modification à envoyer
   *[other] { $count } modifications à envoyer
}
frame-needs-you = { $count ->
    [one] { $count } modification demande votre attention
   *[other] { $count } modifications demandent votre attention
}
frame-records = { $done ->
    [one] { $done } fiche
   *[other] { $done } fiches
}
frame-records-of = { $done } fiches sur { $total }
frame-demo = Vous consultez une démonstration avec des entreprises fictives. Rien de ce que vous faites ici n’est envoyé à FreshBooks.
frame-leave-demo = Quitter la démonstration
frame-signed-out = Vous êtes déconnecté de FreshBooks : Ledgerline affiche ce qu’il conserve sur cet ordinateur, mais ne peut pas le synchroniser. Connectez-vous pour synchroniser.
frame-sign-in = Se connecter
frame-keyring-heading = Ledgerline ne peut pas utiliser le trousseau de cet ordinateur
frame-keyring-explained = Ledgerline conserve votre connexion FreshBooks dans le trousseau du système, et le trousseau ne répond pas. Ledgerline peut plutôt la conserver dans un fichier privé sur cet ordinateur, lisible seulement par votre compte d’utilisateur.
frame-use-file = Conserver plutôt ma connexion dans un fichier privé sur cet ordinateur
frame-file-heading = Ledgerline ne peut pas utiliser le fichier qui conserve votre connexion
frame-read-only-banner = Votre rôle dans { $business } est « { $role_words } » : Ledgerline affiche ses fiches, mais ne peut pas les modifier. Demandez au propriétaire un rôle qui permet de modifier.
frame-not-listed-banner = FreshBooks n’associe plus { $business } à cette connexion : Ledgerline la conserve seulement pour les modifications pas encore envoyées, et ne la synchronise pas.
frame-not-found-title = Rien ici
frame-not-found = Cette adresse ne mène nulle part dans Ledgerline.
frame-go-home = Aller à l’accueil

## sign-in

sign-in-welcome-title = Bienvenue dans Ledgerline
sign-in-welcome-lead = Vos entreprises FreshBooks sur cet ordinateur : clients, temps et factures, même hors ligne.
sign-in-welcome-builtin = Se connecter à FreshBooks
sign-in-welcome-builtin-hint = Ouvre FreshBooks dans votre navigateur ; vous vous y connectez, puis revenez ici.
sign-in-welcome-own = Utiliser ma propre application FreshBooks
sign-in-welcome-own-hint = Inscrivez une application dans le portail des développeurs de FreshBooks et connectez-vous avec elle. Ledgerline vous guide pas à pas.
sign-in-welcome-demo = Essayer la démonstration
sign-in-welcome-demo-hint = Des entreprises fictives, sans compte. Rien n’est envoyé à FreshBooks.
sign-in-title = Terminez la connexion dans votre navigateur
sign-in-opened = Ledgerline a ouvert la page de connexion de FreshBooks dans votre navigateur. Connectez-vous et autorisez Ledgerline : votre navigateur transmet ensuite la réponse, et cette fenêtre passe d’elle-même à la suite.
sign-in-not-opened = Ledgerline n’a pas pu ouvrir votre navigateur. Ouvrez cette adresse dans votre navigateur pour vous connecter :
sign-in-address = L’adresse de connexion, si vous devez l’ouvrir de nouveau :
sign-in-copy-address = Copier l’adresse de connexion
sign-in-paste-heading = Rien ne s’est passé après avoir autorisé Ledgerline ?
sign-in-paste-explained = Votre navigateur affiche une page qui l’indique, avec une adresse. Copiez cette adresse (ou celle de la barre d’adresse du navigateur) et collez-la ici :
sign-in-paste-label = L’adresse où votre navigateur s’est arrêté
sign-in-paste-submit = Terminer la connexion
sign-in-own-app-title = Utiliser votre propre application FreshBooks
sign-in-own-app-lead = FreshBooks permet à une application de lire vos entreprises seulement une fois qu’elle est inscrite. Inscrivez-en une pour vous en quelques minutes :
sign-in-own-app-step-portal = Ouvrez le portail des développeurs de FreshBooks et connectez-vous avec votre compte FreshBooks :
sign-in-own-app-open-portal = Ouvrir le portail des développeurs
sign-in-own-app-step-create = Créez une nouvelle application. N’importe quel nom convient, par exemple « Ledgerline ».
sign-in-own-app-step-redirect = Sous Redirect URIs, ajoutez cette adresse exactement comme elle est écrite :
sign-in-own-app-step-scopes = Sous Scopes, ajoutez chacune de ces autorisations :
sign-in-own-app-step-save = Enregistrez l’application. FreshBooks affiche alors son Client ID et son Client Secret : copiez-les dans les champs ci-dessous.
sign-in-own-app-client-id = Client ID
sign-in-own-app-client-secret = Client Secret
sign-in-own-app-secret-hint = Ledgerline le garde en sûreté sur cet ordinateur et ne l’écrit jamais dans un journal.
sign-in-own-app-need-id = Collez le Client ID que FreshBooks affiche pour votre application.
sign-in-own-app-need-secret = Collez le Client Secret que FreshBooks affiche pour votre application.
sign-in-own-app-save = Enregistrer et se connecter
sign-in-own-app-copy-redirect = Copier l’adresse de redirection
sign-in-own-app-copy-scopes = Copier les autorisations
sign-in-own-app-copy-portal = Copier l’adresse du portail des développeurs
sign-in-heading-state-mismatch = Cette réponse de connexion ne vient pas d’une connexion lancée par Ledgerline
sign-in-heading-replayed = Cette réponse de connexion a déjà servi
sign-in-heading-stale = Cette connexion a pris trop de temps
sign-in-heading-failed = FreshBooks a mis fin à la connexion
sign-in-heading-app-rejected = FreshBooks n’a pas accepté l’inscription de l’application
sign-in-heading-not-an-address = Ce n’est pas une adresse de connexion
sign-in-heading-keyring = Ledgerline n’a pas pu conserver la connexion
sign-in-heading-other = La connexion ne s’est pas terminée

## settings

settings-title = Paramètres
settings-version = Version
settings-system = Système
settings-sync-heading = Synchronisation
settings-sync-every = Synchroniser en arrière-plan
settings-sync-minutes = { $minutes ->
    [one] Chaque minute
   *[other] Toutes les { $minutes } minutes
}
settings-sync-hour = Toutes les heures
settings-sync-day = Une fois par jour
settings-sync-hint = Les entrées de temps, les factures et les clients sont récupérés à cette fréquence ; « Synchroniser » récupère tout sur-le-champ.
settings-appearance = Apparence
settings-language = Langue
settings-language-system = Système ({ $language })
settings-language-en = English
settings-language-fr-ca = Français (Canada)
settings-theme = Thème
settings-theme-light = Clair
settings-theme-dark = Sombre
settings-theme-system = Système
settings-saved = Enregistré
settings-data-heading = Vos données
settings-data-folder = Dossier des données
settings-open-data-folder = Ouvrir le dossier des données
settings-log-folder = Dossier des journaux
settings-open-log-folder = Ouvrir le dossier des journaux
settings-export-heading = Exporter une liste
settings-export-hint = Le fichier est enregistré dans votre dossier Téléchargements.
settings-export-list = Liste
settings-export-clients = Clients
settings-export-time = Entrées de temps
settings-export-invoices = Factures
settings-export-format = Format
settings-export-csv = CSV (tableur)
settings-export-json = JSON
settings-export = Exporter
settings-exporting = Exportation…
settings-exported = { $rows ->
    [one] { $rows } ligne écrite dans { $path }
   *[other] { $rows } lignes écrites dans { $path }
}
settings-account = Connexion FreshBooks
settings-sign-out = Se déconnecter…
settings-sign-out-hint = Retire votre connexion FreshBooks de cet ordinateur.
settings-dialog-title = Se déconnecter de FreshBooks
settings-dialog-text = Ledgerline oublie votre connexion FreshBooks sur cet ordinateur. Vos entreprises dans FreshBooks restent intactes.
settings-remove-copy = Retirer aussi de cet ordinateur la copie hors ligne de mes entreprises
settings-remove-copy-hint = Case non cochée, vos fiches restent lisibles ici, et une nouvelle connexion ne récupère que ce qui a changé. Case cochée, rien de vos entreprises ne reste sur cet ordinateur.
settings-confirm-sign-out = Se déconnecter
settings-unsent = { $count ->
    [one] { $count } modification faite ici n’est pas encore parvenue à FreshBooks. Retirer la copie hors ligne la fait perdre ; gardez la copie, ou synchronisez d’abord, pour l’envoyer.
   *[other] { $count } modifications faites ici ne sont pas encore parvenues à FreshBooks. Retirer la copie hors ligne les fait perdre ; gardez la copie, ou synchronisez d’abord, pour les envoyer.
}
settings-discard = { $count ->
    [one] La retirer quand même et perdre { $count } modification
   *[other] La retirer quand même et perdre { $count } modifications
}

## help

help-title = Raccourcis clavier
help-intro = Tab et Maj+Tab passent d’une commande à l’autre ; Entrée ou Espace active celle qui a le focus ; Échap ferme une boîte de dialogue ou une liste.
help-keys = Touches
help-action = Action
help-new-client = Nouveau client
help-new-time = Nouvelle entrée de temps
help-search = Rechercher
help-sync-now = Synchroniser
help-switch-business = Changer d’entreprise
help-go-home = Aller à l’accueil
help-go-clients = Aller aux clients
help-go-time = Aller au temps
help-go-settings = Aller aux paramètres
help-show = Afficher cette liste
help-or = ou
help-key-ctrl = Ctrl
help-key-shift = Maj
help-key-alt = Alt
help-go-invoices = Aller aux factures
help-go-sync = Aller à la synchronisation
help-save-draft = Enregistrer le brouillon de facture

## errors

error-action-sign-in = Se reconnecter
error-action-check-registration = Vérifier l’inscription de l’application
error-action-sync = Synchroniser
error-action-review = Revoir les modifications
error-action-use-file = Conserver plutôt ma connexion dans un fichier privé
error-action-choose-business = Choisir une entreprise
error-action-open-log-folder = Ouvrir le dossier des journaux
error-not-signed-in = Vous n’êtes pas connecté à FreshBooks. Connectez-vous pour continuer.
error-sign-in-expired = FreshBooks a mis fin à votre connexion (elle a expiré ou a été révoquée). Reconnectez-vous pour continuer à synchroniser.
error-app-rejected = FreshBooks a refusé l’inscription de l’application : vérifiez son Client ID, son Client Secret et son adresse de redirection.
error-sign-in-state-mismatch = Cette réponse ne correspond à aucune connexion lancée par Ledgerline. Relancez la connexion à partir de cette fenêtre.
error-sign-in-failed = FreshBooks a mis fin à la connexion ({ $error }). Reconnectez-vous, et autorisez Ledgerline quand FreshBooks le demande.
error-sign-in-stale = Cette connexion a été lancée il y a trop longtemps, ou avant le redémarrage de Ledgerline. Reconnectez-vous.
error-sign-in-replayed = Cette réponse de connexion a déjà servi une fois. Reconnectez-vous pour en obtenir une nouvelle.
error-not-a-sign-in-address = Ce n’est pas l’adresse que FreshBooks renvoie après une connexion. Copiez l’adresse complète où votre navigateur s’est arrêté.
error-token-store = Ledgerline n’a pas pu conserver ni lire votre connexion sur cet ordinateur.
error-bad-setting = Ce paramètre ne peut pas être utilisé ({ $setting }).
error-forbidden = Votre rôle dans cette entreprise ne le permet pas. Demandez au propriétaire un rôle qui le permet.
error-remote-not-found = FreshBooks n’a plus cette fiche. Synchronisez pour mettre cet ordinateur à jour.
error-rejected = FreshBooks a refusé cette modification : { $message }
error-rate-limited = FreshBooks demande à Ledgerline de ralentir. Ledgerline réessaie dans un instant.
error-unreachable = Impossible de joindre FreshBooks : vous êtes peut-être hors ligne. Vos modifications attendent sur cet ordinateur et seront envoyées dès que FreshBooks répondra.
error-outcome-unknown = La réponse de FreshBooks s’est perdue, Ledgerline ne peut donc pas savoir si c’est fait. Vérifiez dans FreshBooks avant de réessayer.
error-server-error = FreshBooks a eu un problème de son côté (erreur { $status }). Réessayez dans quelques minutes.
error-unreadable-answer = FreshBooks a répondu quelque chose que Ledgerline ne peut pas lire. Réessayez ; si cela se reproduit, signalez-le.
error-entity-unavailable = FreshBooks ne donne pas accès à ces fiches avec cette connexion : { $reason }
error-storage = Ledgerline n’a pas pu lire ni écrire ses données sur cet ordinateur. Vérifiez qu’il reste de l’espace sur le disque, puis réessayez.
error-database-upgrade = Les données de cet ordinateur viennent d’une version plus récente de Ledgerline, ou n’ont pas pu être mises à niveau. Mettez Ledgerline à jour.
error-damaged-record = Une fiche sur cet ordinateur est endommagée. Synchronisez pour la récupérer de nouveau dans FreshBooks.
error-data-folder = Ledgerline ne peut pas utiliser son dossier de données : { $path }
error-internal-task = Une partie de Ledgerline s’est arrêtée de façon inattendue. Redémarrez Ledgerline ; si cela se reproduit, signalez-le.
error-unsent-changes = { $count ->
    [one] { $count } modification faite ici n’est pas encore parvenue à FreshBooks.
   *[other] { $count } modifications faites ici ne sont pas encore parvenues à FreshBooks.
}
error-offline-copy-in-use = Un autre Ledgerline sur cet ordinateur envoie des modifications à partir de la copie hors ligne. Fermez-le, puis réessayez.
error-offline-copy-removed = La copie hors ligne a été retirée. Reconnectez-vous pour récupérer vos entreprises.
error-no-current-business = Choisissez d’abord une entreprise, avec le sélecteur en haut.
error-unknown-business = Ledgerline ne connaît aucune entreprise « { $given } ».
error-record-not-found = Cette fiche n’est plus dans cette entreprise. Synchronisez pour mettre cet ordinateur à jour.
error-too-late-to-undo = Trop tard pour annuler : cette modification est en route vers FreshBooks, ou déjà arrivée.
error-change-in-doubt = Cette modification est peut-être déjà dans FreshBooks ; elle pourra être annulée une fois que Ledgerline aura vérifié. Synchronisez pour vérifier.
error-used-by-pending-draft = Cette entrée de temps est facturée par une facture pas encore envoyée ; annulez d’abord la facture.
error-sync-incomplete = { $failed ->
    [0] La synchronisation est terminée, mais { $waiting } modifications attendent encore d’être envoyées.
    [one] La synchronisation est terminée, mais une étape a échoué et { $waiting } modifications attendent encore.
   *[other] La synchronisation est terminée, mais { $failed } étapes ont échoué et { $waiting } modifications attendent encore.
}
error-changes-need-you = FreshBooks a refusé { $refused } modifications et { $conflicts } entrent en conflit avec des modifications faites dans FreshBooks. Revoyez-les.
error-other-sender = Un autre Ledgerline sur cet ordinateur envoie ces modifications en ce moment. Elles seront envoyées une fois qu’il aura terminé.
error-business-not-listed = FreshBooks n’associe plus { $business } à cette connexion : ses modifications attendent sur cet ordinateur.
error-no-keyring = Aucun trousseau n’a répondu sur cet ordinateur ; Ledgerline ne peut donc pas y conserver votre connexion ({ $reason }).
error-keyring-failed = Le trousseau a refusé ou a échoué ({ $reason }). Déverrouillez-le, ou conservez plutôt votre connexion dans un fichier privé.
error-token-file = Ledgerline ne peut pas utiliser le fichier qui conserve votre connexion : { $path }
error-damaged-sign-in = La connexion conservée sur cet ordinateur est endommagée. Reconnectez-vous.
error-timer-running = Une minuterie tourne déjà (lancée { $started }). Arrêtez-la avant d’en lancer une autre.
error-no-timer = Aucune minuterie ne tourne.
error-invoice-not-in-freshbooks = FreshBooks n’a pas encore cette facture : synchronisez d’abord, puis réessayez.
error-invoice-changes-waiting = Des modifications de cette facture ne sont pas encore arrivées dans FreshBooks : synchronisez d’abord, pour que le PDF ou le courriel les montre.
error-email-maybe-sent = La réponse de FreshBooks s’est perdue et la facture n’indique pas si le courriel est parti : il a peut-être été envoyé. Vérifiez avant de l’envoyer de nouveau.
error-no-email-recipients = Indiquez au moins une adresse courriel à laquelle envoyer la facture.
error-bad-email-recipients = FreshBooks ne peut pas envoyer à { $recipients } : vérifiez l’adresse et réessayez.
error-cancelled = Annulé.
error-bad-request = La fenêtre de Ledgerline a envoyé une demande que son application de bureau ne peut pas lire. Redémarrez Ledgerline ; si cela se reproduit, signalez-le.
error-no-shell = L’application de bureau de Ledgerline ne répond pas : ouvrez Ledgerline à partir de son application de bureau plutôt que dans un navigateur Web.
error-shell-mismatch = La fenêtre de Ledgerline et son application de bureau ne concordent pas ({ $detail }) ; redémarrez Ledgerline et, si cela se reproduit, signalez-le avec ce message.
error-invalid-field = Cette valeur ne peut pas être utilisée ({ $field }) : { $problem }
error-field-required = elle doit être donnée.
error-field-needs-name = un client doit avoir une organisation, un prénom ou un nom.
error-field-not-an-amount = « { $given } » n’est pas un montant, comme 95 ou 95,50.
error-field-not-a-date = « { $given } » n’est pas un jour, comme 2026-03-31.
error-field-not-a-time = « { $given } » n’est pas une heure, comme 2026-03-01 09:00.
error-field-not-a-currency = « { $given } » n’est pas une devise : utilisez trois lettres, comme CAD ou USD.
error-field-cannot-clear = FreshBooks ne peut pas la vider ; donnez plutôt une valeur.
error-field-cannot-send = Ledgerline ne peut pas envoyer « { $given } » à FreshBooks, la modification serait donc perdue ; retirez-la (ceux-ci peuvent être envoyés : { $allowed }).
error-field-never-created = cette modification s’appuie sur un dossier jamais créé dans FreshBooks (sa création a été refusée ou annulée) ; annulez cette modification.
error-field-other-business = ce dossier appartient à une autre entreprise.
error-field-compound-first-tax = seule la deuxième taxe d’une ligne peut s’appliquer par-dessus la première ; rendez la première taxe simple.
error-field-unknown-visibility = { $code } n’est pas un état documenté par FreshBooks ; choisissez actif, archivé ou supprimé.
error-ambiguous-business = « { $given } » désigne plus d’une entreprise ({ $matches }). Choisissez-en une avec le sélecteur en haut.
error-unknown-entity = Ledgerline ne garde aucun dossier du type « { $given } ».
error-draft-no-entries = Aucun temps n’est coché pour cette facture. Cochez des entrées, élargissez les dates ou choisissez un autre client.
error-draft-too-many-lines = Cette facture aurait { $lines } lignes ; FreshBooks en accepte au plus { $max }.
error-draft-no-rate = { $count ->
        [one] Une entrée n’a pas de taux
       *[other] { $count } entrées n’ont pas de taux
    } : aucun taux de projet, de service ou de membre de l’équipe ne s’applique. Donnez le taux horaire de votre entreprise.
error-draft-too-many-taxes = FreshBooks accepte au plus deux taxes par ligne.
error-draft-changed = Ce temps a changé depuis l’aperçu (dans une autre fenêtre ou par une synchronisation). Rien n’a été enregistré : vérifiez le nouvel aperçu, puis enregistrez de nouveau.
error-entries-already-billed = { $count ->
        [one] Une de ces entrées est déjà facturée, ou sur un autre brouillon :
       *[other] { $count } de ces entrées sont déjà facturées, ou sur un autre brouillon :
    } la facture n’a pas été créée.
error-billed-in-freshbooks = { $count ->
        [one] FreshBooks indique qu’une de ces entrées est déjà facturée :
       *[other] FreshBooks indique que { $count } de ces entrées sont déjà facturées :
    } la facture n’a pas été créée.
error-no-such-conflict = Ce conflit a déjà été réglé (dans une autre fenêtre ou en ligne de commande). La page montre maintenant ce qui reste.

## home

home-title = Accueil
home-scope-all = Toutes les entreprises
home-all-businesses = Chiffres de toutes vos entreprises ensemble, chaque devise à part
home-no-business = Choisissez une entreprise avec le sélecteur ci-dessus.
home-no-currency = Devise pas encore connue
home-unbilled = Heures non facturées
home-unbilled-none = Aucune heure non facturée.
home-unbilled-without-rate = { $count ->
    [one] 1 entrée ({ $hours }) n’a pas de taux et n’est pas comptée dans ce montant
   *[other] { $count } entrées ({ $hours }) n’ont pas de taux et ne sont pas comptées dans ce montant
}
home-unbilled-no-currency = { $hours } pour des clients sans devise
home-outstanding = Factures impayées
home-outstanding-none = Rien n’est dû.
home-overdue = Factures en souffrance
home-overdue-none = Aucune facture en souffrance.
home-invoices-count = { $count ->
    [one] 1 facture
   *[other] { $count } factures
}
home-aging-title = Ce que vos clients vous doivent, selon le retard
home-aging-intro = Jours écoulés depuis l’échéance de chaque facture. Un graphique par devise : les montants de devises différentes ne sont jamais additionnés.
home-aging-nothing = Aucun client ne vous doit d’argent.
home-aging-caption = Montants dus en { $currency }, par client
home-aging-current = Pas encore échu
home-aging-1-30 = 1 à 30 jours de retard
home-aging-31-60 = 31 à 60 jours de retard
home-aging-61-90 = 61 à 90 jours de retard
home-aging-over-90 = Plus de 90 jours de retard
home-aging-segment = { $client }, { $bucket } : { $amount }
home-aging-more = { $count ->
    [one] 1 autre client vous doit de l’argent dans cette devise : voir tous les clients selon le montant dû
   *[other] { $count } autres clients vous doivent de l’argent dans cette devise : voir tous les clients selon le montant dû
}
home-aging-as-table = Afficher ces chiffres sous forme de tableau
home-aging-client = Client
home-aging-total = Total

## clients

clients-title = Clients
clients-new = Nouveau client
clients-new-title = Nouveau client
clients-read-only = Votre rôle dans cette entreprise ne permet pas d’ajouter ni de modifier des clients. Demandez au propriétaire un rôle qui le permet.
clients-offline-note = Les modifications sont enregistrées tout de suite sur cet ordinateur et envoyées à FreshBooks dès qu’il est joignable.
clients-search = Rechercher des clients
clients-search-placeholder = Rechercher par nom ou courriel
clients-sort = Trier par
clients-sort-name = Nom
clients-sort-outstanding = Montant dû
clients-sort-recent = Modifiés récemment
clients-filter-archived = Afficher les clients archivés
clients-filter-deleted = Afficher les clients supprimés
clients-count = { $count ->
    [0] Aucun client
    [one] 1 client
   *[other] { $count } clients
}
clients-list-label = Clients : les flèches déplacent la sélection, Entrée ouvre le client
clients-column-name = Nom
clients-column-outstanding = Dû
clients-none = Aucun client pour l’instant. Ajoutez-en un avec « Nouveau client ».
clients-none-found = Aucun client ne correspond. Vérifiez l’orthographe, ou affichez aussi les clients archivés et supprimés.
clients-not-found = Ce client ne fait plus partie de cette entreprise. Revenez à la liste.
clients-badge-pending = Pas encore envoyé
clients-badge-pending-title = Une modification de ce client attend d’être envoyée à FreshBooks.
clients-badge-conflict = Conflit
clients-badge-conflict-title = Ce client a été modifié ici et dans FreshBooks : choisissez la version à garder dans la page Synchronisation.
clients-badge-archived = Archivé
clients-badge-deleted = Supprimé
clients-form-who = Identité
clients-form-name-hint = Indiquez une organisation, ou un prénom ou un nom.
clients-form-address = Adresse
clients-form-billing = Facturation
clients-field-organization = Organisation
clients-field-first-name = Prénom
clients-field-last-name = Nom
clients-field-email = Courriel
clients-field-business-phone = Téléphone au travail
clients-field-mobile-phone = Cellulaire
clients-field-street = Adresse
clients-field-street2 = Adresse, deuxième ligne
clients-field-city = Ville
clients-field-province = Province ou État
clients-field-postal-code = Code postal
clients-field-country = Pays
clients-field-currency = Devise
clients-field-currency-hint = Trois lettres, comme CAD ou USD. Laissée vide, la devise de l’entreprise s’applique.
clients-field-note = Note privée
clients-problem-needs-name = Un client doit avoir un nom : indiquez une organisation, ou un prénom ou un nom.
clients-problem-email = Ce n’est pas une adresse courriel : écrivez-la comme nom@exemple.com.
clients-problem-currency = Ce n’est pas un code de devise : utilisez trois lettres, comme CAD ou USD.
clients-problem-cannot-clear = FreshBooks ne peut pas vider ce champ : indiquez plutôt une valeur.
clients-problem-required = Ce champ doit être rempli.
clients-problem-other = Cette valeur ne peut pas être utilisée : { $detail }
clients-save = Enregistrer
clients-actions = Que faire de ce client
clients-state-active = Actif
clients-state-archived = Archivé
clients-state-deleted = Supprimé
clients-archive = Archiver
clients-restore = Restaurer
clients-delete = Supprimer
clients-edit-again = Modifier de nouveau
clients-undo = Annuler la modification
clients-done-created = Client ajouté. Il sera envoyé à FreshBooks dès qu’il sera joignable.
clients-done-edited = Modifications enregistrées. Elles seront envoyées à FreshBooks dès qu’il sera joignable.
clients-done-archived = Client archivé.
clients-done-deleted = Client supprimé.
clients-done-restored = Client restauré.
clients-too-late = La modification est déjà rendue dans FreshBooks et ne peut plus être annulée; faites plutôt l’inverse.

## time

time-title = Temps
time-new = Nouvelle entrée de temps
time-read-only = Votre rôle dans cette entreprise ne permet pas d’inscrire ni de modifier du temps. Demandez au propriétaire un rôle qui le permet.
time-filters = Filtres
time-filter-from = Du
time-filter-to = Au
time-filter-billed = Facturation
time-billed-all = Toutes
time-billed-unbilled = Non facturées
time-billed-billed = Facturées
time-choice-all = Tous
time-choice-none = Aucun
time-unnamed = (sans nom)
time-total-hours = Total
time-total-billable = Facturable
time-total-entries = Entrées
time-entries-count = { $count ->
    [one] 1 entrée
   *[other] { $count } entrées
}
time-showing-first = Affichage des { $count } entrées les plus récentes; précisez les filtres pour voir les plus anciennes. Les totaux comptent toutes les entrées.
time-list-label = Entrées de temps : les flèches déplacent la sélection, Entrée ouvre l’entrée
time-column-date = Date
time-column-duration = Durée
time-column-what = Client, projet, service
time-column-note = Note
time-none = Aucune entrée de temps ne correspond à ces filtres.
time-badge-billed = Facturée
time-not-billable = Non facturable
time-form-new = Nouvelle entrée de temps
time-form-edit = Modifier l’entrée de temps
time-field-date = Date
time-field-duration = Temps consacré
time-field-duration-hint = Heures et minutes, comme 1:30, ou heures, comme 1,5.
time-field-client = Client
time-field-project = Projet
time-field-service = Service
time-field-member = Membre de l’équipe
time-field-note = Note
time-field-billable = Facturable
time-problem-date = Choisissez une date.
time-problem-duration = Écrivez le temps consacré en heures et minutes, comme 1:30, ou en heures, comme 1,5 (24 heures au plus).
time-save = Enregistrer l’entrée
time-timer-title = Chronomètre
time-timer-start = Démarrer le chronomètre
time-timer-stop = Arrêter et inscrire
time-timer-discard = Abandonner
time-timer-no-client = Aucun client

## sync

sync-title = Synchronisation
sync-now = Synchroniser
sync-cancel = Annuler
sync-cancel-label = Annuler la synchronisation (ce qu’elle a déjà écrit reste)
sync-online = En ligne
sync-offline = Hors ligne
sync-never = Pas encore synchronisé
sync-last-synced = Dernière synchronisation { $ago }
sync-exactly = ({ $when })
sync-progress-label = Progression de la synchronisation
sync-records-of = { $done } fiches sur { $total }
sync-records-so-far = { $done ->
    [one] { $done } fiche jusqu’ici
   *[other] { $done } fiches jusqu’ici
}
sync-reading = Lecture : { $what }
sync-time-left-unknown = Calcul du temps restant…
sync-time-left-under-a-minute = moins d’une minute restante
sync-time-left-minutes = { $count ->
    [one] environ une minute restante
   *[other] environ { $count } minutes restantes
}
sync-time-left-hours = { $count ->
    [one] environ une heure restante
   *[other] environ { $count } heures restantes
}
sync-token-good = Connecté à FreshBooks : Ledgerline renouvelle l’accès au besoin.
sync-token-refused = FreshBooks a refusé de renouveler la connexion de Ledgerline (elle expire au bout d’un moment, ou l’accès a été retiré dans FreshBooks). Reconnectez-vous pour synchroniser ; rien de ce qui attend ici n’est perdu.
sync-token-signed-out = Vous n’êtes pas connecté à FreshBooks : Ledgerline garde vos modifications sur cet ordinateur jusqu’à ce que vous vous connectiez.
sync-token-unreadable = Ledgerline ne peut pas lire votre connexion : le trousseau de cet ordinateur ne répond pas. Ledgerline peut plutôt la garder dans un fichier privé sur cet ordinateur.
sync-sign-in-again = Se reconnecter
sync-use-file = Garder ma connexion dans un fichier privé
sync-backoff-rate-limited = FreshBooks nous a demandé de ralentir ; reprise à { $at }
sync-backoff-waiting = FreshBooks ne répond pas ; nouvel essai à { $at }
sync-backoff-in-flight = { $count ->
    [one] En attendant, une requête à la fois.
   *[other] En attendant, { $count } requêtes à la fois.
}
sync-read-only = Votre rôle dans cette entreprise permet de voir les modifications, mais pas de les régler ni de les annuler. Demandez au propriétaire un rôle qui le permet.
sync-conflicts-title = Conflits
sync-conflicts-explained = Les mêmes champs ont été modifiés ici et dans FreshBooks. Pour chaque groupe de champs, gardez les vôtres ou prenez les valeurs de FreshBooks.
sync-conflicts-none = Aucun conflit.
sync-conflict-heading = { $record } : { $group }
sync-conflict-found = trouvé { $ago }
sync-mine = Les miennes
sync-theirs = FreshBooks
sync-keep-mine = Garder les miennes
sync-take-freshbooks = Prendre celles de FreshBooks
sync-keep-mine-label = Garder les miennes pour { $record } : { $group }
sync-take-freshbooks-label = Prendre les valeurs de FreshBooks pour { $record } : { $group }
sync-refused-title = Refusées par FreshBooks
sync-refused-none = Rien n’a été refusé.
sync-refused-todo-edit = Modifiez la fiche pour la corriger, ou annulez la modification pour l’abandonner.
sync-refused-todo-undo = Annulez la modification pour l’abandonner.
sync-refused-todo-unknown = Envoyée, mais sans réponse : Ledgerline vérifie auprès de FreshBooks à la prochaine synchronisation avant de l’envoyer de nouveau.
sync-pending-title = En attente d’envoi
sync-pending-none = Rien n’attend d’être envoyé.
sync-column-change = Modification
sync-column-made = Faite
sync-column-state = État
sync-column-actions = Actions
sync-column-what = Quoi
sync-column-last-synced = Dernière synchronisation
sync-column-records = Fiches
sync-column-notes = Remarques
sync-undo = Annuler
sync-edit = Modifier
sync-no-undo-sending = En cours d’envoi : trop tard pour annuler.
sync-no-undo-unknown = Ledgerline vérifie si FreshBooks l’a reçue : impossible de l’annuler d’ici là.
sync-no-undo-sent = Déjà dans FreshBooks : trop tard pour annuler.
sync-no-undo-billed-by-draft = Un brouillon de facture en attente d’envoi facture ce temps (modification { $draft }) : annulez d’abord le brouillon.
sync-no-undo-partly-sent = Une partie de ce brouillon est déjà arrivée dans FreshBooks : trop tard pour annuler.
sync-label-invoice = Facture { $number }
sync-label-new-invoice = Nouvelle facture
sync-label-new-invoice-for = Nouvelle facture pour { $client }
sync-label-time = Temps du { $day }
sync-label-time-for = Temps du { $day }, { $client }
sync-label-record = { $entity } : enregistrement { $id }
sync-entities-title = Ce qui a été synchronisé
sync-count = { $count }
sync-resumable = { $done ->
    [one] Arrêtée après { $done } fiche ; la prochaine synchronisation reprend à partir de là.
   *[other] Arrêtée après { $done } fiches ; la prochaine synchronisation reprend à partir de là.
}
sync-resumable-of = Arrêtée après { $done } fiches sur { $total } ; la prochaine synchronisation reprend à partir de là.
sync-quarantined = { $count ->
    [one] { $count } fiche mise de côté : FreshBooks l’a envoyée sous une forme que Ledgerline ne peut pas lire.
   *[other] { $count } fiches mises de côté : FreshBooks les a envoyées sous une forme que Ledgerline ne peut pas lire.
}
sync-empty = (vide)
sync-yes = Oui
sync-no = Non
sync-days = { $count ->
    [one] { $count } jour
   *[other] { $count } jours
}
sync-percent = { $value } %
sync-line = { $name } ({ $qty } × { $rate })
sync-lines = { $count ->
    [0] aucune ligne
    [one] 1 ligne : { $lines }
   *[other] { $count } lignes : { $lines }
}
sync-entity-clients = Clients
sync-entity-invoices = Factures
sync-entity-time-entries = Entrées de temps
sync-entity-projects = Projets
sync-entity-services = Services
sync-entity-service-rates = Tarifs des services
sync-entity-taxes = Taxes
sync-entity-payments = Paiements
sync-entity-estimates = Estimations
sync-entity-expenses = Dépenses
sync-entity-items = Articles
sync-op-create-client = Nouveau client
sync-op-update-client = Client modifié
sync-op-archive-client = Client archivé
sync-op-delete-client = Client supprimé
sync-op-restore-client = Client restauré
sync-op-create-time-entry = Temps inscrit
sync-op-update-time-entry = Entrée de temps modifiée
sync-op-create-invoice = Nouvelle facture
sync-op-update-invoice = Facture modifiée
sync-op-mark-billed = Temps marqué facturé
sync-op-draft-invoice = Facture préparée à partir du temps
sync-state-pending = En attente
sync-state-sending = En cours d’envoi
sync-state-unknown = Incertaine
sync-state-done = Envoyée
sync-state-rejected = Refusée
sync-state-conflict = En conflit
sync-state-undone = Annulée
sync-group-name = Nom
sync-group-contact = Coordonnées
sync-group-address = Adresse
sync-group-billing = Facturation
sync-group-time = Date et durée
sync-group-assignment = Client, projet et service
sync-group-note = Note
sync-group-header = Détails de la facture
sync-group-lines = Lignes
sync-group-notes = Notes et conditions
sync-group-other = Autres champs
sync-group-all = Tous les champs
sync-field-first-name = Prénom
sync-field-last-name = Nom de famille
sync-field-organization = Organisation
sync-field-email = Courriel
sync-field-business-phone = Téléphone au travail
sync-field-mobile-phone = Cellulaire
sync-field-street = Adresse
sync-field-street2 = Adresse (ligne 2)
sync-field-city = Ville
sync-field-province = Province ou État
sync-field-postal-code = Code postal
sync-field-country = Pays
sync-field-currency = Devise
sync-field-language = Langue
sync-field-note = Note
sync-field-started-at = Date
sync-field-duration = Durée
sync-field-client = Client
sync-field-project = Projet
sync-field-service = Service
sync-field-task = Tâche
sync-field-team-member = Membre de l’équipe
sync-field-billable = Facturable
sync-field-billed = Facturé
sync-field-internal = Interne
sync-field-create-date = Date de la facture
sync-field-due-offset = Échéance après
sync-field-invoice-number = Numéro de facture
sync-field-po-number = Numéro de bon de commande
sync-field-notes = Notes
sync-field-terms = Conditions
sync-field-discount = Remise
sync-field-lines = Lignes

## invoices

invoices-title = Factures
invoices-new = Préparer une facture
invoices-read-only = Votre rôle dans cette entreprise ne permet pas de préparer des factures. Demandez au propriétaire un rôle qui le permet.
invoices-export = Exporter
invoices-search = Rechercher des factures
invoices-search-placeholder = Rechercher par numéro, client ou ligne
invoices-status = État
invoices-status-all = Toutes
invoices-status-draft = Brouillons
invoices-status-outstanding = Impayées
invoices-status-overdue = En retard
invoices-status-paid = Payées
invoices-status-deleted = Supprimées
invoices-client = Client
invoices-client-all = Tous les clients
invoices-client-number = Client { $id }
invoices-count = { $count ->
    [0] Aucune facture
    [one] { $count } facture
   *[other] { $count } factures
}
invoices-total-amount = Total
invoices-total-outstanding = Reste dû
invoices-none = Aucune facture pour l’instant. Préparez-en une à partir du temps non facturé d’un client avec « Préparer une facture ».
invoices-none-found = Aucune facture ne correspond à ces filtres.
invoices-list-label = Factures : les flèches déplacent la sélection, Entrée ouvre la facture
invoices-column-status = État
invoices-column-number = Numéro
invoices-column-client = Client
invoices-column-date = Date
invoices-column-due = Échéance
invoices-column-amount = Montant
invoices-column-outstanding = Dû
invoices-state-draft = Brouillon
invoices-state-sent = Envoyée
invoices-state-viewed = Consultée
invoices-state-partial = Payée en partie
invoices-state-overdue = En retard
invoices-state-paid = Payée
invoices-state-disputed = Contestée
invoices-state-deleted = Supprimée
invoices-state-other = Autre
invoices-pending = En attente
invoices-pending-title = Faite ici et pas encore dans FreshBooks : elle recevra son numéro à la prochaine synchronisation.
invoices-no-client = (aucun client)
invoices-badge-changed-title = Une modification de cette facture attend d’être envoyée à FreshBooks.
invoices-badge-conflict-title = Cette facture a été modifiée ici et dans FreshBooks : choisissez la version à garder sur la page Synchronisation.
invoices-not-found = Cette facture ne fait pas partie de cette entreprise. Revenez à la liste.
invoices-detail-title = Facture { $number }
invoices-detail-title-pending = Nouvelle facture (en attente)
invoices-last-emailed = Dernier envoi par courriel
invoices-line-item = Article
invoices-line-qty = Quantité
invoices-line-rate = Tarif
invoices-line-taxes = Taxes
invoices-line-amount = Montant
invoices-subtotal = Sous-total
invoices-tax-total = { $tax } ({ $percent } %)
invoices-discount = Remise
invoices-total = Total
invoices-actions = Que faire de cette facture
invoices-download-pdf = Télécharger le PDF
invoices-downloading = Téléchargement…
invoices-send-email = Envoyer par courriel
invoices-reason-pending = En attente : synchronisez d’abord, pour que FreshBooks ait cette facture.
invoices-reason-offline = Hors ligne : FreshBooks est injoignable pour le moment.
invoices-reason-read-only = Votre rôle dans cette entreprise ne permet pas d’envoyer des factures.
invoices-email-confirm-resend = Cette facture est peut-être déjà partie : la réponse de FreshBooks s’est perdue. Vérifiez auprès de votre client ou dans FreshBooks ; renvoyez-la seulement si elle n’est pas arrivée.
invoices-email-send-again = La renvoyer quand même
invoices-pdf-saved = { $file } est enregistré dans votre dossier Téléchargements.
invoices-emailed = FreshBooks envoie la facture par courriel.
invoices-email-title = Envoyer la facture par courriel
invoices-email-recipients = À
invoices-email-recipients-hint = Une ou plusieurs adresses courriel, séparées par des virgules.
invoices-email-problem-none = Indiquez au moins une adresse courriel.
invoices-email-problem-address = « { $address } » n’est pas une adresse courriel : écrivez-la comme nom@exemple.com.
invoices-email-attach = Joindre le PDF
invoices-email-send = Envoyer
invoices-email-sending = Envoi…
invoices-pending-note = Cette facture est enregistrée sur cet ordinateur et part vers FreshBooks à la prochaine synchronisation.
invoices-undo = Annuler la création
invoices-too-late = Elle est déjà arrivée dans FreshBooks : elle ne peut plus être annulée.

## drafting

drafting-title = Préparer une facture
drafting-back = Retour aux factures
drafting-read-only = Votre rôle dans cette entreprise permet de voir un brouillon, pas de l’enregistrer : demandez l’accès au propriétaire de l’entreprise.
drafting-no-clients = Aucun client n’a de temps non facturé. Saisissez du temps à la page Temps, puis revenez ici.
drafting-client-no-time = Ce client n’a pas de temps non facturé dans cette période. Élargissez les dates ou choisissez un autre client.
drafting-step-client = 1. Client et période
drafting-client = Client
drafting-client-choose = Choisissez un client…
drafting-client-option = { $name } ({ $hours })
drafting-from = Du
drafting-to = Au
drafting-projects = Projets
drafting-projects-hint = Aucun coché : tous les projets, et le temps sans projet.
drafting-step-entries = 2. Temps non facturé
drafting-no-entries = Aucun temps non facturé à afficher.
drafting-entry-include = Sur la facture
drafting-entry-date = Date
drafting-entry-member = Membre de l’équipe
drafting-entry-what = Projet · service
drafting-entry-note = Note
drafting-entry-hours = Heures
drafting-entries-total = { $count } { $count ->
        [one] entrée cochée
       *[other] entrées cochées
    } sur { $all } · { $hours }
drafting-member-you = Vous
drafting-member-id = Membre de l’équipe { $id }
drafting-not-billable = Non facturable
drafting-in-doubt = Attend la prochaine synchronisation
drafting-include-non-billable = Facturer aussi le temps marqué non facturable
drafting-step-layout = 3. Présentation et arrondi
drafting-grouping = Présentation
drafting-grouping-per-entry = Une ligne par entrée de temps
drafting-grouping-by-service = Une ligne par service
drafting-grouping-by-project = Une ligne par projet
drafting-grouping-by-project-and-service = Une ligne par projet et service
drafting-grouping-by-team-member = Une ligne par membre de l’équipe
drafting-grouping-by-day = Une ligne par jour
drafting-grouping-summary = Une seule ligne récapitulative
drafting-rounding = Arrondir chaque entrée à
drafting-rounding-none = Pas d’arrondi
drafting-rounding-6 = 6 minutes
drafting-rounding-15 = 15 minutes
drafting-rounding-30 = 30 minutes
drafting-rounding-mode = Arrondi
drafting-rounding-up = Vers le haut
drafting-rounding-nearest = Au plus proche
drafting-rounding-down = Vers le bas
drafting-rounding-minimum = Minimum par entrée (minutes)
drafting-rounding-minimum-hint = 0 pour aucun.
drafting-minimum-problem = Écrivez un nombre entier de minutes, par exemple 15.
drafting-rounding-hint = L’arrondi s’applique sur la facture seulement : vos entrées de temps gardent leur durée exacte.
drafting-step-taxes = 4. Taxes et descriptions
drafting-tax-1 = Taxe
drafting-tax-2 = Deuxième taxe
drafting-tax-none = Aucune taxe
drafting-tax-option = { $name } ({ $percent } %)
drafting-tax-option-compound = { $name } ({ $percent } %, composée)
drafting-tax-hint = Une taxe composée s’applique au montant plus la première taxe.
drafting-template = Description des lignes
drafting-template-hint = Chaque paramètre ci-dessous est remplacé sur chaque ligne.
drafting-placeholders = Paramètres
drafting-placeholder-service = le nom du service
drafting-placeholder-project = le nom du projet
drafting-placeholder-member = qui a fait le travail
drafting-placeholder-date = le jour (une ligne groupée : son premier et son dernier jour)
drafting-placeholder-note = la note (une ligne groupée : ses notes jointes par « ; »)
drafting-preview-now = Aperçu
drafting-business-rate = Taux horaire de votre entreprise
drafting-business-rate-hint = FreshBooks ne le communique pas aux autres applications : Ledgerline le retient une fois que vous l’avez donné.
drafting-business-rate-needed = Une partie de ce temps n’a ni taux de projet, ni de service, ni de membre de l’équipe : il est facturé au taux horaire de votre entreprise. Quel est ce taux ?
drafting-business-rate-save = Retenir ce taux
drafting-business-rate-problem = Écrivez un montant, par exemple 120 ou 95,50.
drafting-business-rate-is = Taux horaire de l’entreprise : { $rate }.
drafting-business-rate-unset = Aucun taux horaire d’entreprise donné.
drafting-business-rate-change = Modifier
drafting-preview = Aperçu
drafting-preview-empty = Choisissez un client qui a du temps non facturé pour voir la facture ici.
drafting-line-item = Article
drafting-line-hours = Heures
drafting-line-rate = Taux
drafting-line-amount = Montant
drafting-source-project = Taux du projet
drafting-source-service = Taux du service
drafting-source-member = Taux du membre de l’équipe
drafting-source-business = Taux de l’entreprise
drafting-source-flat-fee = Forfait
drafting-subtotal = Sous-total
drafting-tax-total = { $name } ({ $percent } %)
drafting-tax-total-compound = { $name } ({ $percent } %, composée)
drafting-total = Total
drafting-warning-zero-rate = { $count ->
        [one] Une entrée est facturée à un taux de zéro.
       *[other] { $count } entrées sont facturées à un taux de zéro.
    } Indiquez un taux dans FreshBooks ou donnez le taux de votre entreprise.
drafting-warning-non-billable = { $count ->
        [one] Une entrée marquée non facturable est laissée de côté.
       *[other] { $count } entrées marquées non facturables sont laissées de côté.
    }
drafting-warning-non-billable-included = { $count ->
        [one] Une entrée marquée non facturable est sur cette facture.
       *[other] { $count } entrées marquées non facturables sont sur cette facture.
    }
drafting-include-them = Les facturer aussi
drafting-leave-out-non-billable = Les laisser de côté
drafting-too-many-lines = Cette facture aurait { $lines } lignes ; FreshBooks en accepte au plus { $max }.
drafting-use-grouping = Choisir « { $layout } »
drafting-save = Enregistrer le brouillon
drafting-saving = Enregistrement…
drafting-save-hint = Enregistré sur cet ordinateur, envoyé à FreshBooks à la prochaine synchronisation. Ctrl+S enregistre.
drafting-error-forbidden = Votre rôle dans cette entreprise ne permet pas d’enregistrer des factures : demandez l’accès au propriétaire de l’entreprise.
drafting-fix-reload = Voir ce qui reste à facturer
drafting-fix-business-rate = Donner le taux de l’entreprise
drafting-fix-entries = Cocher des entrées
drafting-fix-taxes = Choisir les taxes
