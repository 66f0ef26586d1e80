package io.ferry.engine.auth;

import io.ferry.engine.cache.Caches;
import com.github.benmanes.caffeine.cache.Cache;
import io.ferry.engine.bus.Addresses;
import io.ferry.engine.bus.ApiCall;
import io.ferry.engine.bus.ApiResult;
import io.ferry.engine.bus.Bus;
import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.ferry.engine.crypto.Tokens;
import io.ferry.engine.json.SchemaCheck;
import io.ferry.engine.store.Keyset;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.ferry.engine.bus.TokenInvalidation;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Optional;

/**
 * API tokens and environments: seeds the default team, environment and admin token on first start, resolves bearer
 * tokens to a {@link Principal} (cached briefly, so a hot path costs no query), and serves the admin operations.
 */
public final class AuthVerticle extends VerticleBase {

  private final AuthStore store;
  private final String configuredAdminToken;
  private final SchemaCheck environmentSchema = SchemaCheck.load("requests/environment.create.json");
  private final SchemaCheck tokenSchema = SchemaCheck.load("requests/api-token.create.json");
  private final SchemaCheck renameSchema = SchemaCheck.load("requests/name.update.json");
  private final Cache<String, Optional<Principal>> principals = Caches.builder()
      .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  public AuthVerticle(AuthStore store, String configuredAdminToken) {
    this.store = store;
    this.configuredAdminToken = configuredAdminToken;
  }

  @Override
  public Future<?> start() {
    return store.seed(configuredAdminToken).compose(generated -> {
      generated.ifPresent(token -> System.out.println("\n  Ferry admin API token (shown once, store it now): " + token + "\n"));
      // revocation: forget the token's principal at once (the cluster verticle publishes the same message for
      // tokens changed on other nodes: Invalidations.apiTokens)
      vertx.eventBus().<TokenInvalidation>localConsumer(Addresses.AUTH_INVALIDATE, m -> forget(principals, m.body()));
      return Future.join(
          Bus.<ApiCall, Principal>serve(vertx, Addresses.AUTH_RESOLVE, call -> resolve(call.id())).completion(),
          Bus.<ApiCall, ApiResult>serve(vertx, Addresses.ADMIN, this::admin).completion());
    });
  }

  private Future<Principal> resolve(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(new FerryFailure(ErrorCode.UNAUTHORIZED, "missing bearer token"));
    }
    String hash = Tokens.hash(token);
    Optional<Principal> cached = principals.getIfPresent(hash);
    Future<Optional<Principal>> found = cached != null ? Future.succeededFuture(cached)
        : store.principalByHash(hash).andThen(ar -> {
          if (ar.succeeded()) {
            principals.put(hash, ar.result());
          }
        });
    return found.compose(p -> p.isPresent() && !p.get().expiredAt(System.currentTimeMillis()) ? Future.succeededFuture(p.get())
        : Future.failedFuture(new FerryFailure(ErrorCode.UNAUTHORIZED, "invalid or expired API token")));
  }

  /** Drops cached principals of the token named by {@code invalidation} (all of them when it names none). */
  public static void forget(Cache<String, Optional<Principal>> cache, TokenInvalidation invalidation) {
    if (invalidation == null || invalidation.tokenId() == null) {
      cache.invalidateAll();
    } else {
      cache.asMap().values().removeIf(p -> p.isPresent() && invalidation.tokenId().equals(p.get().tokenId()));
    }
  }

  private Future<ApiResult> admin(ApiCall call) {
    return switch (call.action()) {
      // an environment token sees its own environment only; another's is a 404, as if it did not exist
      case "environment.list" -> store.environments(call.principal().teamId())
          .map(list -> call.principal().admin() ? list : new JsonArray(list.stream()
              .filter(e -> ((JsonObject) e).getString("id").equals(call.principal().environmentId())).toList()))
          .map(AuthVerticle::page);
      case "environment.get" -> (call.principal().admin() || call.principal().environmentId().equals(call.id())
          ? store.environment(call.principal().teamId(), call.id())
          : Future.<JsonObject>failedFuture(FerryFailure.notFound("environment " + call.id() + " not found"))).map(ApiResult::ok);
      case "environment.create" -> requireAdmin(call).compose(v -> {
        environmentSchema.check(call.body());
        return store.createEnvironment(call.principal().teamId(), call.body().getString("name")).map(ApiResult::created);
      });
      case "environment.update" -> requireAdmin(call).compose(v -> {
        renameSchema.check(call.body());
        return store.renameEnvironment(call.principal().teamId(), call.id(), call.body().getString("name")).map(ApiResult::ok);
      });
      case "team.list" -> store.team(call.principal().teamId())
          .map(t -> ApiResult.ok(new JsonObject().put("result", new io.vertx.core.json.JsonArray().add(t))
              .putNull("next_cursor").put("limit", 1)));
      case "team.get" -> ownTeam(call).compose(v -> store.team(call.id())).map(ApiResult::ok);
      case "team.update" -> requireAdmin(call).compose(v -> ownTeam(call)).compose(v -> {
        renameSchema.check(call.body());
        return store.renameTeam(call.id(), call.body().getString("name")).map(ApiResult::ok);
      });
      case "api-token.list" -> (call.principal().admin()
          ? store.tokensOfTeam(call.principal().teamId(), call.query("environment_id"))
          : store.tokens(call.principal().environmentId())).map(AuthVerticle::page);
      case "api-token.create" -> requireAdmin(call).compose(v -> createToken(call));
      case "api-token.get" -> visibleToken(call).map(ApiResult::ok);
      case "api-token.delete" -> visibleToken(call).compose(t -> requireAdmin(call).map(t)).compose(this::revoke);
      default -> Future.failedFuture(FerryFailure.notFound("unknown operation " + call.action()));
    };
  }

  private Future<ApiResult> createToken(ApiCall call) {
    JsonObject body = call.body();
    tokenSchema.check(body);
    String raw = body.getString("expires_at");
    Long expiry = raw == null ? null : Keyset.givenInstant("expires_at", raw);
    String environmentId = body.getString("environment_id");
    return store.environment(call.principal().teamId(), environmentId)
        .recover(e -> Future.failedFuture(FerryFailure.isNotFound(e) ? FerryFailure.invalid("/environment_id", "no environment with this id") : e))
        .compose(env -> store.createToken(environmentId, body.getString("name"), expiry, false))
        .map(ApiResult::created);
  }

  private static Future<Void> ownTeam(ApiCall call) {
    return call.principal().teamId().equals(call.id()) ? Future.succeededFuture()
        : Future.failedFuture(FerryFailure.notFound("team " + call.id() + " not found"));
  }

  /** A token of the team the caller may see: any for the admin token, its own environment's otherwise (else 404). */
  private Future<JsonObject> visibleToken(ApiCall call) {
    return store.token(call.principal().teamId(), call.id()).compose(t -> call.principal().admin()
        || t.getString("environment_id").equals(call.principal().environmentId()) ? Future.succeededFuture(t)
        : Future.failedFuture(FerryFailure.notFound("api token " + call.id() + " not found")));
  }

  private Future<ApiResult> revoke(JsonObject token) {
    String id = token.getString("id");
    return store.deleteToken(id).compose(deleted -> {
      if (!deleted) {
        return Future.failedFuture(new FerryFailure(ErrorCode.FORBIDDEN, "the admin token is revoked by changing FERRY_API_TOKEN, not through the API"));
      }
      vertx.eventBus().publish(Addresses.AUTH_INVALIDATE, new TokenInvalidation(id), Bus.LOCAL);
      return Future.succeededFuture(ApiResult.ok(new JsonObject().put("id", id)));
    });
  }

  private static ApiResult page(JsonArray list) {
    return ApiResult.ok(new JsonObject().put("result", list).putNull("next_cursor").put("limit", list.size()));
  }

  private static Future<Void> requireAdmin(ApiCall call) {
    return call.principal().admin() ? Future.succeededFuture()
        : Future.failedFuture(new FerryFailure(ErrorCode.FORBIDDEN, "only the admin token may do this"));
  }
}
