using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ElBasar.Web.Infrastructure.Data;

public static class DataModule
{
    /// <summary>Registers the DbContext, with every <see cref="IInterceptor"/> that features add,  on the provider chosen by <c>Database:Provider</c>.</summary>
    public static IServiceCollection AddElBasarData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = ParseProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("ElBasar") ?? DatabaseOptions.DefaultConnectionString;
        services.Configure<DatabaseOptions>(o => o.Provider = provider);

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = PrepareSqlite(connectionString);
            services.AddDbContext<ElBasarDbContext>((sp, o) => o
                .UseSqlite(connectionString)
                .AddInterceptors(SqliteConnectionSetup.Instance, NulCharacters.Instance)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            services.AddDbContext<ElBasarDbContext>((sp, o) => o
                .UseNpgsql(connectionString)
                .AddInterceptors(NulCharacters.Instance)
                .AddInterceptors(sp.GetServices<IInterceptor>()));
        }

        var database = new DatabaseInfo(provider, connectionString);
        services.AddSingleton(database);
        services.AddSingleton(DatabaseBackup.From(database, configuration));
        services.AddScoped<MigrationRunner>();
        services.AddSingleton<Jobs.JobLocks>();
        return services;
    }

    public static DatabaseProvider ParseProvider(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
        _ => throw new InvalidOperationException(
            $"Database:Provider must be 'sqlite' or 'postgresql', not '{value}'."),
    };

    // A relative SQLite path is relative to the working directory (contracts/interfaces.md);
    // its folder is created so that a fresh clone starts with nothing to prepare.
    static string PrepareSqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            builder.DataSource = full;
        }
        return builder.ToString();
    }
}

/// <summary>The provider and connection string in force, for the few places that speak SQL.</summary>
public sealed record DatabaseInfo(DatabaseProvider Provider, string ConnectionString)
{
    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;
}
