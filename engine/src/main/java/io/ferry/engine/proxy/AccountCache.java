package io.ferry.engine.proxy;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.account.Account;
import io.ferry.engine.account.AccountStore;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * The node's account cache, shared by every event loop. It never goes back in time: a newer version is never
 * replaced by an older one, and a read that started before an invalidation is not cached after it (a slow fill
 * cannot bring back the state a write just replaced).
 */
final class AccountCache {
  private final AccountStore store;
  private final Cache<String, Account> accounts = Caches.builder().maximumSize(50_000)
      .expireAfterWrite(Duration.ofSeconds(30)).build();
  /** When each account was last invalidated (System.nanoTime), kept a little longer than any read takes. */
  private final Cache<String, Long> invalidatedAt = Caches.builder().maximumSize(50_000)
      .expireAfterWrite(Duration.ofMinutes(2)).build();

  /** When every account was last dropped: a read that started before it is not cached either. */
  private volatile long allInvalidatedAt = System.nanoTime();

  AccountCache(AccountStore store) {
    this.store = store;
  }

  Future<Account> get(String accountId) {
    Account cached = accounts.getIfPresent(accountId);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    long started = System.nanoTime();
    return store.getInAnyEnvironment(accountId).andThen(ar -> {
      if (ar.succeeded()) {
        Long inv = invalidatedAt.getIfPresent(accountId);
        if ((inv == null || inv - started < 0) && allInvalidatedAt - started < 0) {
          offer(ar.result());
        }
      }
    });
  }

  /** Keeps {@code a} unless a newer version is already cached. */
  void offer(Account a) {
    accounts.asMap().merge(a.id(), a, (old, neu) -> neu.version() >= old.version() ? neu : old);
  }

  void invalidate(String accountId) {
    invalidatedAt.put(accountId, System.nanoTime());
    accounts.invalidate(accountId);
  }

  /** Drops every account (an install or integration changed on some node, or the cluster channel was lost). */
  void invalidateAll() {
    allInvalidatedAt = System.nanoTime();
    accounts.invalidateAll();
  }
}
