/**
 * The domain's refusals as exceptions, one per kind of answer: {@link dev.cronmon.domain.error.NotFoundException},
 * {@link dev.cronmon.domain.error.ConflictException}, {@link dev.cronmon.domain.error.ValidationException} (and the
 * store's {@code ConcurrentUpdateException}). The HTTP layer's Router maps each to its status; anything else that
 * escapes a route is a bug, answered 500 with an error id.
 */
package dev.cronmon.domain.error;
