using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Moderation;

public static class ModerationData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<ModerationReport> ModerationReports => db.Set<ModerationReport>();
        public DbSet<ModerationLogEntry> ModerationLog => db.Set<ModerationLogEntry>();
    }
}
