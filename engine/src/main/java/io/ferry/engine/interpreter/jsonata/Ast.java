package io.ferry.engine.interpreter.jsonata;

import com.dashjoin.jsonata.Jsonata;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the engine's parse tree ({@code Parser.Symbol}, whose fields are package-private) for {@link NativeJsonata}.
 * Reflection runs only while compiling, once per expression.
 */
final class Ast {
  /** The expression uses something the native subset does not mirror. */
  static final class Unsupported extends Exception {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  private static final Map<String, Field> FIELDS = new ConcurrentHashMap<>();

  private Ast() {
  }

  static Object of(Jsonata compiled) throws Unsupported {
    return field(Jsonata.class, "ast").get(compiled);
  }

  static Object get(Object symbol, String name) throws Unsupported {
    return field(symbol.getClass(), name).get(symbol);
  }

  static String type(Object symbol) throws Unsupported {
    return (String) get(symbol, "type");
  }

  static boolean flag(Object symbol, String name) throws Unsupported {
    return Boolean.TRUE.equals(get(symbol, name));
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object symbol, String name) throws Unsupported {
    return (List<Object>) get(symbol, name);
  }

  /** Names bound with {@code :=} anywhere in the tree (a function name among them is not the builtin any more). */
  static void collectBindings(Object symbol, Set<String> out) throws Unsupported {
    if (symbol == null) {
      return;
    }
    if ("bind".equals(type(symbol))) {
      out.add(String.valueOf(get(get(symbol, "lhs"), "value")));
    }
    for (String child : new String[] {"lhs", "rhs", "expression", "condition", "then", "_else", "procedure", "body"}) {
      Object c = get(symbol, child);
      if (c != null && c.getClass().getName().startsWith("com.dashjoin.jsonata.Parser$")) {
        collectBindings(c, out);
      }
    }
    for (String children : new String[] {"steps", "expressions", "arguments", "predicate", "stages"}) {
      List<Object> cs = list(symbol, children);
      if (cs != null) {
        for (Object c : cs) {
          collectBindings(c, out);
          if ("filter".equals(type(c))) {
            collectBindings(get(c, "expr"), out);
          }
        }
      }
    }
    List<Object> pairs = list(symbol, "lhsObject");
    if (pairs != null) {
      for (Object pair : pairs) {
        for (Object c : (Object[]) pair) {
          collectBindings(c, out);
        }
      }
    }
  }

  private static FieldRef field(Class<?> owner, String name) throws Unsupported {
    Class<?> c = owner;
    while (c != null) {
      String key = c.getName() + "#" + name;
      Field f = FIELDS.get(key);
      if (f == null) {
        try {
          f = c.getDeclaredField(name);
          f.setAccessible(true);
          FIELDS.put(key, f);
        } catch (NoSuchFieldException e) {
          c = c.getSuperclass();
          continue;
        } catch (RuntimeException e) {
          throw new Unsupported("cannot read the parse tree: " + e.getMessage());
        }
      }
      return new FieldRef(f);
    }
    throw new Unsupported("no field " + name + " on " + owner.getName());
  }

  private record FieldRef(Field field) {
    Object get(Object target) throws Unsupported {
      try {
        return field.get(target);
      } catch (IllegalAccessException e) {
        throw new Unsupported("cannot read the parse tree: " + e.getMessage());
      }
    }
  }
}
