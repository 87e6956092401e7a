using ElBasar.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace ElBasar.Web.Features.Directory;

public static class DirectoryData
{
    extension(ElBasarDbContext db)
    {
        public DbSet<Network> Networks => db.Set<Network>();
        public DbSet<NetworkMembership> NetworkMemberships => db.Set<NetworkMembership>();
        public DbSet<Organization> Organizations => db.Set<Organization>();
    }
}
