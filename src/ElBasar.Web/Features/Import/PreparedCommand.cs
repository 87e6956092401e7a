using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ElBasar.Web.Features.Import;

/// <summary>
/// One SQL statement on an entity's table, kept for the whole import and run once a row: its parameters are
/// made once from the model's type mappings and only their values change, converted as EF converts them.
/// </summary>
sealed class PreparedCommand : IDisposable
{
    readonly DbCommand _command;
    readonly (DbParameter Parameter, ValueConverter? Converter)[] _parameters;
    bool _prepared;

    PreparedCommand(DbConnection connection, string sql, IReadOnlyList<IProperty> properties)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = properties.Select((property, i) =>
        {
            var mapping = property.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(_command, $"@p{i}", null, property.IsNullable);
            _command.Parameters.Add(parameter);
            return (parameter, mapping.Converter);
        }).ToArray();
    }

    /// <summary><c>INSERT INTO table (columns) VALUES (@p0, …)</c>, values in the order of <paramref name="properties"/>.</summary>
    public static PreparedCommand Insert(DbConnection connection, IEntityType entity, IReadOnlyList<IProperty> properties) =>
        new(connection,
            $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", properties.Select(Column))}) " +
            $"VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})",
            properties);

    /// <summary><c>UPDATE table SET column = @p0, … WHERE key = @pN</c>: the values of <paramref name="properties"/>, then the key.</summary>
    public static PreparedCommand Update(DbConnection connection, IEntityType entity, IReadOnlyList<IProperty> properties)
    {
        var key = entity.FindPrimaryKey()!.Properties.Single();
        return new(connection,
            $"UPDATE \"{entity.GetTableName()}\" SET {string.Join(", ", properties.Select((p, i) => $"{Column(p)} = @p{i}"))} " +
            $"WHERE {Column(key)} = @p{properties.Count}",
            [.. properties, key]);
    }

    /// <summary><c>DELETE FROM table WHERE column = @p0 AND …</c>, for a row known by all of <paramref name="properties"/>.</summary>
    public static PreparedCommand Delete(DbConnection connection, IEntityType entity, IReadOnlyList<IProperty> properties) =>
        new(connection,
            $"DELETE FROM \"{entity.GetTableName()}\" WHERE {string.Join(" AND ", properties.Select((p, i) => $"{Column(p)} = @p{i}"))}",
            properties);

    static string Column(IProperty property) => $"\"{property.GetColumnName()}\"";

    public async Task RunAsync(DbTransaction transaction, object?[] values, CancellationToken ct)
    {
        _command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            var (parameter, converter) = _parameters[i];
            var value = values[i] is { } v && converter is not null ? converter.ConvertToProvider(v) : values[i];
            parameter.Value = value ?? DBNull.Value;
        }
        if (!_prepared)
        {
            await _command.PrepareAsync(ct);
            _prepared = true;
        }
        await _command.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => _command.Dispose();
}
