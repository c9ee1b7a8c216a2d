package dev.herald.tools;

import jakarta.persistence.Entity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;

/**
 * Prints the DDL Hibernate would create for every entity in target/classes, for one dialect,
 * without a database: the starting point of a new migration, to be checked by hand for H2 and
 * PostgreSQL (docs/decisions.md, "Schema migrations").
 *
 * <pre>java -cp target/classes:target/test-classes:$(deps) dev.herald.tools.SchemaDdl \
 *     org.hibernate.dialect.PostgreSQLDialect target/schema-pg.sql</pre>
 */
public final class SchemaDdl {
    public static void main(String[] args) throws Exception {
        String dialect = args.length > 0 ? args[0] : "org.hibernate.dialect.H2Dialect";
        Path out = Path.of(args.length > 1 ? args[1] : "target/schema.sql");
        Files.deleteIfExists(out);
        var settings = new HashMap<String, Object>();
        settings.put("hibernate.dialect", dialect);
        settings.put("hibernate.boot.allow_jdbc_metadata_access", "false");
        settings.put("jakarta.persistence.schema-generation.scripts.action", "create");
        settings.put("jakarta.persistence.schema-generation.scripts.create-target", out.toString());
        settings.put("hibernate.hbm2ddl.delimiter", ";");
        settings.put("hibernate.format_sql", "true");
        var registry = new StandardServiceRegistryBuilder().applySettings(settings).build();
        MetadataSources sources = new MetadataSources(registry);
        Path classes = Path.of("target/classes");
        List<String> names;
        try (var files = Files.walk(classes)) {
            names = files.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$"))
                    .map(p -> classes.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .sorted().toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, SchemaDdl.class.getClassLoader());
            if (type.isAnnotationPresent(Entity.class)) {
                sources.addAnnotatedClass(type);
            }
        }
        SchemaManagementToolCoordinator.process(sources.buildMetadata(), registry, settings, action -> { });
        System.out.println("wrote " + out);
    }
}
