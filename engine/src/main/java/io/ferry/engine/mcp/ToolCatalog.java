package io.ferry.engine.mcp;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tools of one effective integration config: one per resource method that has a {@code description} (Truto's
 * quality gate: an agent cannot use a tool nobody described), in name order. Built per config version and cached by
 * the caller; treat as immutable.
 */
public final class ToolCatalog {
  private final List<Tool> tools;
  private final Map<String, Tool> byName;

  private ToolCatalog(List<Tool> tools, Map<String, Tool> byName) {
    this.tools = tools;
    this.byName = byName;
  }

  public static ToolCatalog of(String integration, JsonObject config) {
    return of(integration, config, List.of());
  }

  /** The integration's tools plus {@code unified} ones (the unified models the integration is mapped to). */
  public static ToolCatalog of(String integration, JsonObject config, List<UnifiedTools.Spec> unified) {
    JsonObject resources = config.getValue("resources") instanceof JsonObject r ? r : new JsonObject();
    JsonObject toolTags = config.getValue("tool_tags") instanceof JsonObject t ? t : new JsonObject();
    List<Tool> tools = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    Map<String, Tool> byName = new HashMap<>();
    Map<Tool, String> aliases = new HashMap<>();
    // sorted walk, so that which duplicate gets a suffix never depends on JSON key order
    for (String resource : new TreeSet<>(resources.fieldNames())) {
      if (!(resources.getValue(resource) instanceof JsonObject methods)) {
        continue;
      }
      List<String> tags = tags(toolTags.getValue(resource));
      for (String method : new TreeSet<>(methods.fieldNames())) {
        if (!(methods.getValue(method) instanceof JsonObject m) || !(m.getValue("description") instanceof String d)
            || d.isBlank()) {
          continue;
        }
        String name = ToolNames.unique(ToolNames.of(integration, resource, method), taken);
        taken.add(name);
        ToolSchemas.Built schema = ToolSchemas.of(method, m);
        Tool tool = new Tool(name, d.trim(), schema.schema(), resource, method, tags, schema.queryKeys(), schema.bodyKeys(), null);
        tools.add(tool);
        byName.put(name, tool);
        aliases.put(tool, ToolNames.pluralAlias(integration, resource, method));
      }
    }
    for (UnifiedTools.Spec u : unified) {
      String name = ToolNames.unique(ToolNames.of("unified_" + u.model(), u.resource(), u.method()), taken);
      taken.add(name);
      ToolSchemas.Built schema = ToolSchemas.of(u.method(), new JsonObject());
      Tool tool = new Tool(name, u.description(), schema.schema(), u.resource(), u.method(), List.of("unified", u.model()),
          schema.queryKeys(), schema.bodyKeys(), u.model());
      tools.add(tool);
      byName.put(name, tool);
    }
    aliases.forEach((tool, alias) -> byName.putIfAbsent(alias, tool));
    tools.sort(Comparator.comparing(Tool::name));
    return new ToolCatalog(List.copyOf(tools), Map.copyOf(byName));
  }

  /** The tools a server's filter lets through, in name order. */
  public List<Tool> visible(ToolFilter filter) {
    return tools.stream().filter(filter::accepts).toList();
  }

  /** The tool by name (or its plural alias), if the filter lets it through. */
  public Tool find(String name, ToolFilter filter) {
    Tool t = name == null ? null : byName.get(name);
    return t != null && filter.accepts(t) ? t : null;
  }

  public List<Tool> all() {
    return tools;
  }

  private static List<String> tags(Object raw) {
    List<String> out = new ArrayList<>();
    if (raw instanceof JsonArray a) {
      a.forEach(v -> {
        if (v instanceof String s) {
          out.add(s);
        }
      });
    }
    return List.copyOf(out);
  }
}
