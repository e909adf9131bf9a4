package org.proofassist.hub.core.request;

import java.time.Instant;

/**
 * What a scheduled reminder is for: the share of office time passed and the deadline it was counted
 * to. A reminder for a deadline that has moved since is not issued.
 *
 * @param percent 50 or 80
 * @param dueAt the deadline at the time the reminder was scheduled
 */
public record ReminderDue(int percent, Instant dueAt) {}
