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

## frame

frame-pending = { $count ->
    [one] { $count } change to send
   *[other] { $count } changes to send
}

## sign-in

## settings

## help

## errors

## home

## clients

## time
