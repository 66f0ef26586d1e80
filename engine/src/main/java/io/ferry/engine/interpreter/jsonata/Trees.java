package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code $sortNodes}: parent/child records in tree order, siblings sorted by a sequence key. */
final class Trees {
  private Trees() {
  }

  private record Node(Map<String, Object> record, List<Node> children) {
  }

  static Object sortNodes(Object array, Object idKey, Object parentKey, Object sequenceKey) {
    Map<Object, Node> nodes = new LinkedHashMap<>();
    List<Object> items = Lodash.castArray(array);
    for (Object item : items) {
      Map<String, Object> copy = new LinkedHashMap<>();
      if (item instanceof Map<?, ?> m) {
        m.forEach((k, v) -> copy.put(String.valueOf(k), v));
      }
      nodes.put(key(Lodash.get(item, idKey)), new Node(copy, new ArrayList<>()));
    }
    List<Node> roots = new ArrayList<>();
    for (Object item : items) {
      Object parent = Lodash.get(item, parentKey);
      Node self = nodes.get(key(Lodash.get(item, idKey)));
      if (Js.truthy(parent) && nodes.containsKey(key(parent))) {
        nodes.get(key(parent)).children.add(self);
      } else {
        roots.add(self);
      }
    }
    List<Object> out = new ArrayList<>();
    flatten(sort(roots, sequenceKey), sequenceKey, out);
    return out;
  }

  private static Object key(Object v) {
    return v instanceof Number n ? (Object) n.doubleValue() : v;
  }

  private static List<Node> sort(List<Node> nodes, Object sequenceKey) {
    List<Node> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing((Node n) -> Lodash.get(n.record, sequenceKey), Lodash::compareAscending));
    return sorted;
  }

  private static void flatten(List<Node> nodes, Object sequenceKey, List<Object> out) {
    for (Node n : nodes) {
      Map<String, Object> r = new LinkedHashMap<>(n.record);
      r.remove("children");
      out.add(r);
      flatten(sort(n.children, sequenceKey), sequenceKey, out);
    }
  }
}
