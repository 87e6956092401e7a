using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ElBasar.Web.Features.OpenData;

/// <summary>A licence the admins may choose for a dataset: its key, its French name and its text's address.</summary>
public sealed record Licence(string Key, string Name, string Url);

/// <summary>
/// The licences of the two kinds of data (table <c>open_data_settings</c>, one row, id 1, migration 0035):
/// the activity figures and the directory. No row, or an empty column, means the default: Licence Ouverte /
/// Etalab 2.0 for the figures, ODbL for the directory (a database others may reuse if they share theirs alike).
/// </summary>
public sealed class OpenDataLicences(ElBasarDbContext db, TimeProvider clock)
{
    public static readonly Licence Etalab = new("etalab-2.0", "Licence Ouverte / Etalab 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/");
    public static readonly Licence Odbl = new("odbl-1.0", "Open Database License (ODbL) 1.0", "https://opendatacommons.org/licenses/odbl/1-0/");

    /// <summary>The licences offered: the two French public bodies use for data, and the usual Creative Commons ones.</summary>
    public static readonly IReadOnlyList<Licence> All =
    [
        Etalab,
        Odbl,
        new("cc-by-4.0", "Creative Commons Attribution 4.0 (CC BY 4.0)", "https://creativecommons.org/licenses/by/4.0/deed.fr"),
        new("cc-by-sa-4.0", "Creative Commons Attribution, partage dans les mêmes conditions 4.0 (CC BY-SA 4.0)", "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"),
        new("cc0-1.0", "Creative Commons Zéro 1.0 (CC0, domaine public)", "https://creativecommons.org/publicdomain/zero/1.0/deed.fr"),
    ];

    public static Licence? Find(string? key) => All.FirstOrDefault(l => l.Key == key?.Trim());

    public sealed record Choice(Licence Figures, Licence Directory);

    public async Task<Choice> CurrentAsync(CancellationToken ct)
    {
        var row = await db.Set<OpenDataSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == OpenDataSettings.RowId, ct);
        return new Choice(Find(row?.FiguresLicence) ?? Etalab, Find(row?.DirectoryLicence) ?? Odbl);
    }

    /// <summary>Saves both choices (keys of <see cref="All"/>); the caller saves the unit of work.</summary>
    public async Task SetAsync(Licence figures, Licence directory, CancellationToken ct)
    {
        var row = await db.Set<OpenDataSettings>().FirstOrDefaultAsync(s => s.Id == OpenDataSettings.RowId, ct);
        if (row is null) db.Set<OpenDataSettings>().Add(row = new OpenDataSettings());
        (row.FiguresLicence, row.DirectoryLicence, row.UpdatedAt) = (figures.Key, directory.Key, clock.GetUtcNow().UtcDateTime);
    }
}

public sealed class OpenDataSettings
{
    public const int RowId = 1;

    public int Id { get; init; } = RowId;
    public string? FiguresLicence { get; set; }
    public string? DirectoryLicence { get; set; }
    public DateTime UpdatedAt { get; set; }
}

sealed class OpenDataSettingsConfiguration : IEntityTypeConfiguration<OpenDataSettings>
{
    public void Configure(EntityTypeBuilder<OpenDataSettings> e)
    {
        e.ToTable("open_data_settings");
        e.HasKey(s => s.Id);
        e.Property(s => s.Id).ValueGeneratedNever();
        e.Property(s => s.FiguresLicence).HasMaxLength(40);
        e.Property(s => s.DirectoryLicence).HasMaxLength(40);
    }
}
