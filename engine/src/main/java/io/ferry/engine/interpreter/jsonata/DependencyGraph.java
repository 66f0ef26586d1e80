package io.ferry.engine.interpreter.jsonata;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Truto's {@code $dependencyGraph(array, parentKey, key)}: the npm {@code dependency-graph} DepGraph of the records
 * (each node depends on its parent), exposed as an object with {@code overallOrder dependenciesOf dependantsOf hasNode
 * getNodeData clone}; in an answer it serialises as the DepGraph does (its Maps print as {@code {}}). Node identity is
 * JS's (the number 1 and the string "1" are different nodes).
 */
final class DependencyGraph {
  /** A JS Map key: numbers compare by value whatever their Java type. */
  private record Key(Object value) {
    static Key of(Object v) {
      return new Key(v instanceof Number n ? (Object) n.doubleValue() : v);
    }
  }

  private final Map<Key, Object> original = new LinkedHashMap<>();
  private final Map<Key, Object> nodes = new LinkedHashMap<>();
  private final Map<Key, List<Key>> outgoing = new HashMap<>();
  private final Map<Key, List<Key>> incoming = new HashMap<>();

  static NativeObject of(Object array, Object parentKey, Object key) {
    List<Object> items = array instanceof List<?> l ? new ArrayList<>(l) : List.of();
    Map<String, Object> keyed = new HashMap<>();
    for (Object item : items) {
      keyed.put(Js.string(Lodash.get(item, key)), item); // lodash keyBy: the last record with a key wins
    }
    DependencyGraph graph = new DependencyGraph();
    for (Object item : items) {
      Object parent = Lodash.get(item, parentKey);
      Object value = Lodash.get(item, key);
      graph.add(value, item);
      Object parentItem = keyed.get(Js.string(parent));
      if (Js.truthy(parentItem)) {
        graph.add(parent, parentItem);
        graph.depend(Key.of(value), Key.of(parent));
      }
    }
    return graph.object();
  }

  private void add(Object node, Object data) {
    Key k = Key.of(node);
    if (!nodes.containsKey(k)) {
      original.put(k, node);
      nodes.put(k, data);
      outgoing.put(k, new ArrayList<>());
      incoming.put(k, new ArrayList<>());
    }
  }

  private void depend(Key from, Key to) {
    if (!outgoing.get(from).contains(to)) {
      outgoing.get(from).add(to);
    }
    if (!incoming.get(to).contains(from)) {
      incoming.get(to).add(from);
    }
  }

  private NativeObject object() {
    NativeObject o = new NativeObject(this, () -> {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("nodes", new LinkedHashMap<>());
      json.put("outgoingEdges", new LinkedHashMap<>());
      json.put("incomingEdges", new LinkedHashMap<>());
      return json;
    }).rawKeys(List.of("nodes", "outgoingEdges", "incomingEdges", "circular"));
    o.put("overallOrder", Urls.fn(a -> overallOrder(Js.truthy(a.isEmpty() ? null : a.get(0)))));
    o.put("dependenciesOf", Urls.fn(a -> reachable(outgoing, existing(a), Js.truthy(a.size() > 1 ? a.get(1) : null))));
    o.put("dependantsOf", Urls.fn(a -> reachable(incoming, existing(a), Js.truthy(a.size() > 1 ? a.get(1) : null))));
    o.put("hasNode", Urls.fn(a -> nodes.containsKey(Key.of(a.isEmpty() ? null : a.get(0)))));
    o.put("getNodeData", Urls.fn(a -> {
      Object data = nodes.get(existing(a));
      return data == null ? null : data;
    }));
    o.put("clone", Urls.fn(a -> copy().object()));
    return o;
  }

  private Key existing(List<Object> args) {
    Object node = args.isEmpty() ? null : args.get(0);
    Key k = Key.of(node);
    if (!nodes.containsKey(k)) {
      throw new IllegalArgumentException("Node does not exist: " + Js.string(node));
    }
    return k;
  }

  private List<Object> reachable(Map<Key, List<Key>> edges, Key start, boolean leavesOnly) {
    List<Key> result = new ArrayList<>();
    dfs(edges, leavesOnly, result, new HashSet<>()).accept(start);
    result.remove(start);
    return values(result);
  }

  private List<Object> overallOrder(boolean leavesOnly) {
    List<Key> keys = new ArrayList<>(nodes.keySet());
    java.util.function.Consumer<Key> cycleCheck = dfs(outgoing, false, new ArrayList<>(), new HashSet<>());
    keys.forEach(cycleCheck);
    List<Key> result = new ArrayList<>();
    java.util.function.Consumer<Key> order = dfs(outgoing, leavesOnly, result, new HashSet<>());
    keys.stream().filter(k -> incoming.get(k).isEmpty()).forEach(order);
    return values(result);
  }

  /** dependency-graph's iterative depth-first search: post-order, edges in their insertion order, cycles refused. */
  private java.util.function.Consumer<Key> dfs(Map<Key, List<Key>> edges, boolean leavesOnly, List<Key> result, Set<Key> visited) {
    return start -> {
      if (visited.contains(start)) {
        return;
      }
      Set<Key> inPath = new HashSet<>();
      List<Key> path = new ArrayList<>();
      Deque<Object[]> todo = new ArrayDeque<>();
      todo.push(new Object[] {start, false});
      while (!todo.isEmpty()) {
        Object[] current = todo.peek();
        Key node = (Key) current[0];
        if (!(Boolean) current[1]) {
          if (visited.contains(node)) {
            todo.pop();
            continue;
          }
          if (inPath.contains(node)) {
            path.add(node);
            throw new IllegalArgumentException("Dependency Cycle Found: " + String.join(" -> ", path.stream().map(k -> Js.string(original.get(k))).toList()));
          }
          inPath.add(node);
          path.add(node);
          List<Key> next = edges.get(node);
          for (int i = next.size() - 1; i >= 0; i--) {
            todo.push(new Object[] {next.get(i), false});
          }
          current[1] = true;
        } else {
          todo.pop();
          path.remove(path.size() - 1);
          inPath.remove(node);
          visited.add(node);
          if (!leavesOnly || edges.get(node).isEmpty()) {
            result.add(node);
          }
        }
      }
    };
  }

  private List<Object> values(List<Key> keys) {
    List<Object> out = new ArrayList<>();
    keys.forEach(k -> out.add(original.get(k) == null ? Js.NULL : original.get(k)));
    return out;
  }

  private DependencyGraph copy() {
    DependencyGraph c = new DependencyGraph();
    c.original.putAll(original);
    c.nodes.putAll(nodes);
    outgoing.forEach((k, v) -> c.outgoing.put(k, new ArrayList<>(v)));
    incoming.forEach((k, v) -> c.incoming.put(k, new ArrayList<>(v)));
    return c;
  }
}
