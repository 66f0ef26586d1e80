package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Utils.JList;
import io.ferry.engine.interpreter.jsonata.NativeJsonata.Env;
import io.ferry.engine.json.JsonTypes;
import io.ferry.engine.interpreter.jsonata.NativeJsonata.Node;

import java.util.List;
import java.util.Set;

import static io.ferry.engine.interpreter.jsonata.NativeJsonata.UNSURE;

/**
 * Turns the engine's parse tree into {@link NativeJsonata} closures, node type by node type as the engine's
 * {@code _evaluate} dispatches; any node, flag or function outside the subset makes the whole expression
 * {@link Ast.Unsupported}.
 */
final class NodeCompiler {
  private static final Set<String> FUNCTIONS = Set.of("string", "exists", "join", "lookup", "type", "boolean", "not",
      "lowercase", "uppercase", "merge", "replace", "number");
  private static final Set<String> SCALAR_FUNCTIONS = Set.of("string", "exists", "join", "type", "boolean", "not",
      "lowercase", "uppercase", "number");
  private final Set<String> bound;

  NodeCompiler(Set<String> bound) {
    this.bound = bound;
  }

  Node compile(Object s) throws Ast.Unsupported {
    String type = Ast.type(s);
    if (type == null || Ast.get(s, "group") != null || Ast.get(s, "tuple") != null || Ast.get(s, "focus") != null
        || Ast.get(s, "index") != null || Ast.get(s, "ancestor") != null || Ast.get(s, "seekingParent") != null) {
      throw new Ast.Unsupported("grouping, tuples or parent references");
    }
    List<Object> predicates = Ast.list(s, "predicate");
    boolean keepArray = Ast.flag(s, "keepArray");
    if ("path".equals(type) && predicates == null) {
      return path(s, true, keepArray); // mangles its own answer: one call less per path, the commonest mapping node
    }
    Node core = switch (type) {
      case "path" -> path(s, false, false); // its predicates see the path's answer before any mangling
      case "binary" -> binary(s);
      case "unary" -> unary(s);
      case "name" -> {
        String name = key((String) Ast.get(s, "value"));
        yield (in, env) -> NativeJsonata.lookup(in, name);
      }
      case "string", "number", "value" -> {
        Object v = Ast.get(s, "value");
        Object literal = v != null ? v : Jsonata.NULL_VALUE;
        yield (in, env) -> literal;
      }
      case "condition" -> {
        Node c = compile(Ast.get(s, "condition"));
        Node t = branch(Ast.get(s, "then"));
        Node e = Ast.get(s, "_else") == null ? null : branch(Ast.get(s, "_else"));
        yield (in, env) -> NativeJsonata.truthy(c.eval(in, env)) ? t.eval(in, env) : e == null ? null : e.eval(in, env);
      }
      case "block" -> {
        Node[] parts = all(Ast.list(s, "expressions"));
        yield (in, env) -> {
          Env frame = new Env(env, env.root);
          Object result = null;
          for (Node p : parts) {
            result = p.eval(in, frame);
          }
          return result;
        };
      }
      case "bind" -> {
        String name = key(String.valueOf(Ast.get(Ast.get(s, "lhs"), "value")));
        Node rhs = compile(Ast.get(s, "rhs"));
        yield (in, env) -> {
          Object v = rhs.eval(in, env);
          env.bind(name, v);
          return v;
        };
      }
      case "variable" -> variable(s);
      case "function" -> function(s);
      default -> throw new Ast.Unsupported(type);
    };
    Node[] filters = predicates == null ? new Node[0] : stages(predicates);
    if (filters.length == 0 && !keepArray && neverSequence(s, type)) {
      return core; // the engine's mangling leaves such a value as it is: one call less per node
    }
    if (filters.length == 0) {
      return (in, env) -> NativeJsonata.mangle(core.eval(in, env), keepArray);
    }
    return (in, env) -> {
      Object r = core.eval(in, env);
      for (Node f : filters) {
        r = f.eval(r, env);
      }
      return NativeJsonata.mangle(r, keepArray);
    };
  }

  /**
   * Whether a node's own answer can never be a sequence, so mangling it is the identity: literals, operators (booleans,
   * numbers, strings), object constructors, array constructors (not sequences) and functions answering a scalar.
   */
  private static boolean neverSequence(Object s, String type) throws Ast.Unsupported {
    return switch (type) {
      case "string", "number", "value", "binary" -> true;
      case "unary" -> true; // negation answers a number; constructors an object or a (non-sequence) array
      case "function" -> SCALAR_FUNCTIONS.contains(String.valueOf(Ast.get(Ast.get(s, "procedure"), "value")));
      default -> false;
    };
  }

  /**
   * A branch of a condition. One outside the subset (say a lambda that only runs when a filter is given) becomes a node
   * that hands the whole expression to the engine when it is taken: evaluation has no side effects, so the engine's
   * run gives exactly its answer, and calls that do not take the branch stay native.
   */
  private Node branch(Object s) throws Ast.Unsupported {
    try {
      return compile(s);
    } catch (Ast.Unsupported unsupported) {
      return (in, env) -> {
        throw UNSURE;
      };
    }
  }

  /** Filter stages: each takes the value to filter as its input. */
  private Node[] stages(List<Object> stages) throws Ast.Unsupported {
    Node[] out = new Node[stages.size()];
    for (int i = 0; i < out.length; i++) {
      Object stage = stages.get(i);
      if (!"filter".equals(Ast.type(stage))) {
        throw new Ast.Unsupported("stage " + Ast.type(stage));
      }
      Object expr = Ast.get(stage, "expr");
      if (isNotNull(expr)) {
        out[i] = (value, env) -> NativeJsonata.withoutNulls(value);
        continue;
      }
      boolean number = "number".equals(Ast.type(expr));
      Object numberValue = number ? Ast.get(expr, "value") : null;
      Node predicate = number ? null : compile(expr);
      out[i] = (value, env) -> NativeJsonata.filter(predicate, number, numberValue, value, env);
    }
    return out;
  }

  /** Whether a predicate is exactly {@code $ != null}: the context item against the JSON null literal. */
  private static boolean isNotNull(Object expr) throws Ast.Unsupported {
    if (!"binary".equals(Ast.type(expr)) || !"!=".equals(String.valueOf(Ast.get(expr, "value")))) {
      return false;
    }
    Object lhs = Ast.get(expr, "lhs");
    Object rhs = Ast.get(expr, "rhs");
    return plain(expr) && plain(lhs) && plain(rhs) && "variable".equals(Ast.type(lhs)) && "".equals(Ast.get(lhs, "value"))
        && "value".equals(Ast.type(rhs)) && Ast.get(rhs, "value") == null;
  }

  /** No predicate, stages, group or array-keeping flag on the node: it is what its type says and nothing more. */
  private static boolean plain(Object node) throws Ast.Unsupported {
    return Ast.list(node, "predicate") == null && Ast.list(node, "stages") == null && Ast.get(node, "group") == null
        && !Ast.flag(node, "keepArray");
  }

  /**
   * A path node; with {@code mangle}, its answer mangled as {@link #compile} mangles every node's ({@code keepArray} its
   * flag), where a path of plain names ending on a value that is not a sequence needs no mangling.
   */
  private Node path(Object s, boolean mangle, boolean keepArray) throws Ast.Unsupported {
    List<Object> steps = Ast.list(s, "steps");
    Node[] nodes = new Node[steps.size()];
    Node[][] stages = new Node[steps.size()][];
    for (int i = 0; i < nodes.length; i++) {
      Object step = steps.get(i);
      if ("sort".equals(Ast.type(step))) {
        throw new Ast.Unsupported("sort");
      }
      nodes[i] = compile(step);
      List<Object> st = Ast.list(step, "stages");
      stages[i] = st == null ? new Node[0] : stages(st);
    }
    boolean firstIsVariable = "variable".equals(Ast.type(steps.get(0)));
    boolean consFirst = Ast.flag(steps.get(0), "consarray");
    boolean keep = Ast.flag(s, "keepSingletonArray");
    Node raw = (in, env) -> NativeJsonata.path(nodes, stages, firstIsVariable, consFirst, keep, in, env);
    Node general = mangle ? (in, env) -> NativeJsonata.mangle(raw.eval(in, env), keepArray) : raw;
    String[] names = new String[steps.size()];
    for (int i = 0; i < names.length; i++) {
      Object step = steps.get(i);
      if (!"name".equals(Ast.type(step)) || Ast.list(step, "stages") != null || Ast.list(step, "predicate") != null
          || Ast.flag(step, "keepArray") || keep) {
        return general;
      }
      names[i] = key((String) Ast.get(step, "value"));
    }
    return (in, env) -> NativeJsonata.namePath(names, general, in, env);
  }

  private Node binary(Object s) throws Ast.Unsupported {
    String op = String.valueOf(Ast.get(s, "value"));
    Node l = compile(Ast.get(s, "lhs"));
    Node r = compile(Ast.get(s, "rhs"));
    return switch (op) {
      case "and" -> (in, env) -> NativeJsonata.truthy(l.eval(in, env)) && NativeJsonata.truthy(r.eval(in, env));
      case "or" -> (in, env) -> NativeJsonata.truthy(l.eval(in, env)) || NativeJsonata.truthy(r.eval(in, env));
      case "=" -> (in, env) -> NativeJsonata.equality(l.eval(in, env), r.eval(in, env), true);
      case "!=" -> (in, env) -> NativeJsonata.equality(l.eval(in, env), r.eval(in, env), false);
      case "<", "<=", ">", ">=" -> (in, env) -> NativeJsonata.comparison(l.eval(in, env), r.eval(in, env), op);
      case "+", "-", "*", "/", "%" -> (in, env) -> NativeJsonata.numeric(l.eval(in, env), r.eval(in, env), op);
      case "in" -> (in, env) -> NativeJsonata.includes(l.eval(in, env), r.eval(in, env));
      case "&" -> (in, env) -> NativeJsonata.concat(l.eval(in, env), r.eval(in, env));
      default -> throw new Ast.Unsupported("operator " + op);
    };
  }

  private Node unary(Object s) throws Ast.Unsupported {
    String op = String.valueOf(Ast.get(s, "value"));
    switch (op) {
      case "-" -> {
        Node e = compile(Ast.get(s, "expression"));
        return (in, env) -> {
          Object v = e.eval(in, env);
          if (v == null) {
            return null;
          }
          if (!com.dashjoin.jsonata.Utils.isNumeric(v)) {
            throw UNSURE;
          }
          return com.dashjoin.jsonata.Utils.convertNumber(-((Number) v).doubleValue());
        };
      }
      case "[" -> {
        List<Object> items = Ast.list(s, "expressions");
        Node[] nodes = all(items);
        boolean[] nested = new boolean[items.size()];
        for (int i = 0; i < nested.length; i++) {
          nested[i] = "[".equals(String.valueOf(Ast.get(items.get(i), "value")));
        }
        boolean cons = Ast.flag(s, "consarray");
        return (in, env) -> NativeJsonata.arrayConstructor(nodes, nested, cons, in, env);
      }
      case "{" -> {
        List<Object> pairs = Ast.list(s, "lhsObject");
        Node[] keys = new Node[pairs.size()];
        Node[] values = new Node[pairs.size()];
        String[] literal = new String[pairs.size()];
        Set<String> distinct = new java.util.HashSet<>();
        for (int i = 0; i < keys.length; i++) {
          Object[] pair = (Object[]) pairs.get(i);
          keys[i] = compile(pair[0]);
          values[i] = compile(pair[1]);
          boolean plain = "string".equals(Ast.type(pair[0])) && Ast.list(pair[0], "predicate") == null
              && !Ast.flag(pair[0], "keepArray");
          literal[i] = plain ? key((String) Ast.get(pair[0], "value")) : null;
        }
        boolean literalKeys = java.util.Arrays.stream(literal).allMatch(k -> k != null && distinct.add(k));
        if (literalKeys) { // the usual mapping: distinct literal keys need no evaluation nor duplicate check per object
          return (in, env) -> JsonTypes.isList(in) ? NativeJsonata.objectConstructor(keys, values, in, env)
              : NativeJsonata.literalObject(literal, values, in, env);
        }
        return (in, env) -> NativeJsonata.objectConstructor(keys, values, in, env);
      }
      default -> throw new Ast.Unsupported("unary " + op);
    }
  }

  private Node variable(Object s) throws Ast.Unsupported {
    String name = key(String.valueOf(Ast.get(s, "value")));
    if (name.isEmpty()) {
      return (in, env) -> in instanceof JList<?> l && l.outerWrapper ? l.get(0) : in;
    }
    if (!"$".equals(name) && !bound.contains(name)) {
      throw new Ast.Unsupported("free variable $" + name); // a function value or a binding from outside
    }
    return (in, env) -> env.lookup(name);
  }

  private Node function(Object s) throws Ast.Unsupported {
    Object procedure = Ast.get(s, "procedure");
    if (!"variable".equals(Ast.type(procedure))) {
      throw new Ast.Unsupported("computed function");
    }
    String name = String.valueOf(Ast.get(procedure, "value"));
    List<Object> args = Ast.list(s, "arguments");
    if (bound.contains(name) || args == null || args.isEmpty()) {
      throw new Ast.Unsupported("function $" + name);
    }
    for (Object a : args) {
      if ("operator".equals(Ast.type(a)) || "partial".equals(Ast.type(a))) {
        throw new Ast.Unsupported("partial application");
      }
    }
    Node[] a = all(args);
    int n = a.length;
    com.dashjoin.jsonata.Jsonata.JFunction truto = TrutoLibrary.unchecked(name);
    if (truto != null && "join".equals(name) && n <= 2) { // mappings join names and field lists: strings, mostly
      return (in, env) -> {
        Object values = a[0].eval(in, env);
        Object separator = n == 2 ? a[1].eval(in, env) : null;
        String joined = NativeFunctions.joinStrings(values, separator, ",");
        return joined != null ? joined : NativeFunctions.apply(truto, in, n == 2 ? java.util.Arrays.asList(values, separator)
            : java.util.Collections.singletonList(values));
      };
    }
    if (truto != null) {
      return (in, env) -> NativeFunctions.call(truto, a, in, env);
    }
    if (!FUNCTIONS.contains(name) || (!"string".equals(name) && TrutoLibrary.names().contains(name))) {
      throw new Ast.Unsupported("function $" + name);
    }
    return switch (name) {
      case "string" -> n != 1 ? unsupported(name) : (in, env) -> NativeFunctions.string(a[0].eval(in, env));
      case "exists" -> n != 1 ? unsupported(name) : (in, env) -> a[0].eval(in, env) != null;
      case "type" -> n != 1 ? unsupported(name) : (in, env) -> Functions.type(a[0].eval(in, env));
      case "number" -> n != 1 ? unsupported(name) : (in, env) -> NativeFunctions.number(a[0].eval(in, env));
      case "boolean" -> n != 1 ? unsupported(name) : (in, env) -> Functions.toBoolean(a[0].eval(in, env));
      case "not" -> n != 1 ? unsupported(name) : (in, env) -> Functions.not(a[0].eval(in, env));
      case "lowercase", "uppercase" -> n != 1 ? unsupported(name)
          : (in, env) -> NativeFunctions.letterCase(a[0].eval(in, env), "uppercase".equals(name));
      case "join" -> n > 2 ? unsupported(name)
          : (in, env) -> NativeFunctions.join(a[0].eval(in, env), n == 2 ? a[1].eval(in, env) : null);
      case "merge" -> n != 1 ? unsupported(name) : (in, env) -> NativeFunctions.merge(a[0].eval(in, env));
      case "replace" -> n != 3 ? unsupported(name)
          : (in, env) -> NativeFunctions.replace(a[0].eval(in, env), a[1].eval(in, env), a[2].eval(in, env));
      case "lookup" -> n != 2 ? unsupported(name) : (in, env) -> NativeFunctions.lookup(a[0].eval(in, env), a[1].eval(in, env));
      default -> unsupported(name);
    };
  }

  /**
   * A field name as the one instance the JVM keeps for its text: Jackson interns the field names it parses, so a lookup
   * then finds its key by identity instead of comparing characters (a page's mapping does hundreds of lookups).
   */
  private static String key(String name) {
    return name.intern();
  }

  private static Node unsupported(String name) throws Ast.Unsupported {
    throw new Ast.Unsupported("function $" + name + " with these arguments");
  }

  private Node[] all(List<Object> symbols) throws Ast.Unsupported {
    Node[] out = new Node[symbols.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = compile(symbols.get(i));
    }
    return out;
  }
}
