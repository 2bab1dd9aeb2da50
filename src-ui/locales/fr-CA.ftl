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

## frame

frame-pending = { $count ->
    [one] { $count } modification à envoyer
   *[other] { $count } modifications à envoyer
}

## sign-in

## settings

## help

## errors

## home

## clients

## time
