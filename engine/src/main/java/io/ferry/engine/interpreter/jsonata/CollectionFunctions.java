package io.ferry.engine.interpreter.jsonata;

import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.arg;
import static io.ferry.engine.interpreter.jsonata.TrutoLibrary.def;

import java.util.ArrayList;
import java.util.List;

/** Truto's lodash-backed collection functions; each casts its first argument to an array as Truto's does. */
final class CollectionFunctions {
  private CollectionFunctions() {
  }

  static void define() {
    def("groupBy", null, a -> Lodash.groupBy(arg(a, 0), arg(a, 1), false));
    def("keyBy", null, a -> Lodash.groupBy(arg(a, 0), arg(a, 1), true));
    def("pick", null, a -> Lodash.pick(arg(a, 0), arg(a, 1)));
    def("omit", null, a -> Lodash.omit(arg(a, 0), arg(a, 1)));
    def("compact", null, a -> {
      List<Object> out = new ArrayList<>();
      Lodash.castArray(arg(a, 0)).forEach(v -> {
        if (Js.truthy(v)) {
          out.add(v);
        }
      });
      return out;
    });
    def("join", null, a -> {
      String sep = arg(a, 1) == null ? "," : Js.string(arg(a, 1));
      StringBuilder sb = new StringBuilder();
      List<Object> items = Lodash.castArray(arg(a, 0));
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        Object v = items.get(i);
        if (v instanceof java.util.Map<?, ?> && !(v instanceof NativeObject)) {
          throw new IllegalArgumentException("Cannot convert object to primitive value");
        }
        sb.append(Js.isNil(v) ? "" : Js.string(v));
      }
      return sb.toString();
    });
    def("orderBy", null, a -> Lodash.orderBy(arg(a, 0), arg(a, 1), arg(a, 2)));
    def("find", null, a -> Lodash.find(arg(a, 0), arg(a, 1), false));
    def("lofilter", null, a -> Lodash.find(arg(a, 0), arg(a, 1), true));
    def("values", null, a -> Lodash.values(arg(a, 0)));
    def("chunk", null, a -> Lodash.chunk(arg(a, 0), arg(a, 1)));
    def("wrap", null, a -> {
      Object end = Js.truthy(arg(a, 2)) ? arg(a, 2) : arg(a, 1);
      return (Js.isNil(arg(a, 1)) ? "" : Js.string(arg(a, 1))) + (Js.isNil(arg(a, 0)) ? "" : Js.string(arg(a, 0)))
          + (Js.isNil(end) ? "" : Js.string(end));
    });
    def("difference", null, a -> Lodash.difference(arg(a, 0), arg(a, 1)));
    def("flatten", null, a -> Lodash.flatten(arg(a, 0), 1));
    def("flattenDeep", null, a -> Lodash.flatten(arg(a, 0), Double.POSITIVE_INFINITY));
    def("flattenDepth", null, a -> Lodash.flatten(arg(a, 0), arg(a, 1) == null ? 1 : Js.toNumber(arg(a, 1))));
  }
}
