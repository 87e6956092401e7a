namespace ElBasar.Web.Infrastructure.Data;

/// <summary>Which database the site runs on (section <c>Database</c>, see contracts/interfaces.md).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultConnectionString = "Data Source=data/elbasar.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}
