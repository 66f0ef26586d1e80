package io.ferry.engine.bus;

import io.ferry.engine.core.ErrorCode;
import io.ferry.engine.core.FerryFailure;
import io.ferry.engine.core.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Function;

/** Codec registration and the one way verticles serve and send requests. */
public final class Bus {
  private static final Logger LOG = LoggerFactory.getLogger(Bus.class);
  private static final List<Class<?>> LOCAL_TYPES = List.of(ApiCall.class, ApiResult.class, Principal.class, AccountEvent.class,
      TokenInvalidation.class);
  public static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true);

  private Bus() {
  }

  /** Registers the local codecs once per Vert.x instance; later calls are no-ops. */
  public static synchronized void registerCodecs(Vertx vertx, Class<?>... more) {
    for (Class<?> type : LOCAL_TYPES) {
      register(vertx, type);
    }
    for (Class<?> type : more) {
      register(vertx, type);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void register(Vertx vertx, Class type) {
    try {
      vertx.eventBus().registerDefaultCodec(type, new LocalCodec<>(type));
    } catch (IllegalStateException alreadyRegistered) {
      // another deployment on the same Vert.x registered it first
    }
  }

  /** Serves {@code address}: the handler's result is the reply; a failure becomes a coded failure reply. */
  public static <T, R> MessageConsumer<T> serve(Vertx vertx, String address, Function<T, Future<R>> handler) {
    return vertx.eventBus().<T>localConsumer(address, msg -> {
      Future<R> result;
      try {
        result = handler.apply(msg.body());
      } catch (RuntimeException e) {
        result = Future.failedFuture(e);
      }
      result.onComplete(ar -> {
        if (ar.succeeded()) {
          msg.reply(ar.result(), LOCAL);
        } else {
          fail(msg, address, ar.cause());
        }
      });
    });
  }

  private static void fail(Message<?> msg, String address, Throwable cause) {
    if (cause instanceof FerryFailure f) {
      msg.reply(f);
    } else if (cause instanceof ReplyException re) {
      msg.fail(re.failureCode(), re.getMessage());
    } else if (io.ferry.engine.store.StoreFaults.classify(cause) != null) {
      FerryFailure mapped = io.ferry.engine.store.StoreFaults.classify(cause);
      if (mapped.code() == ErrorCode.UNAVAILABLE) {
        LOG.warn("Store unavailable serving {}: {}", address, io.ferry.engine.store.StoreFaults.describe(cause));
      }
      msg.reply(mapped);
    } else {
      // type and SQLSTATE only: a driver's message or stack can quote the caller's input (and its secrets)
      LOG.error("Unexpected failure serving {}: {}", address, io.ferry.engine.store.StoreFaults.describe(cause));
      msg.fail(ErrorCode.INTERNAL.status, "internal error");
    }
  }

  /** As {@link #request(Vertx, String, Object)} for work known to take longer than the default 30 s reply timeout. */
  public static <R> Future<R> request(Vertx vertx, String address, Object message, long timeoutMillis) {
    return vertx.eventBus().<R>request(address, message, new DeliveryOptions(LOCAL).setSendTimeout(timeoutMillis))
        .map(Message::body);
  }

  /** Sends a request and unwraps the reply body. */
  public static <R> Future<R> request(Vertx vertx, String address, Object message) {
    return vertx.eventBus().<R>request(address, message, LOCAL).map(Message::body);
  }
}
