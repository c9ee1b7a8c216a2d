-- V9: a first attempt that started late (its message older than 30 s when its ticket was taken)
-- wrote its delivery's row as being sent without a due time. When the process died during that
-- attempt, the first sweep after the restart made the row wait again, still without a due time,
-- and the sweep, which queues rows due before a moment, never found it: the delivery stayed
-- pending for good. Such rows are due since they were written (dev.herald.delivery.control
-- .DeliveryRows.releaseMarks gives them their attempt's start from now on).
update herald_delivery set nextAttemptAt = updatedAt
where status in ('PENDING', 'FAILED_WILL_RETRY') and nextAttemptAt is null;
