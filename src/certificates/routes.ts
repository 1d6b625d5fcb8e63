import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { registerTemplateRoutes } from './template-routes';
import { registerCertificateAdminRoutes } from './admin-routes';
import { registerCertificateBulkRoutes } from './bulk-routes';
import { registerCertificatePublicRoutes } from './public-routes';

/** Every route of certificates: the admin's templates, list and downloads, and the public PDF and verify pages. */
export function registerCertificateRoutes(app: Express, dataSource: DataSource, config: { baseUrl: string; regionTz: string }): void {
  registerTemplateRoutes(app, dataSource, config.baseUrl, config.regionTz);
  registerCertificateBulkRoutes(app, dataSource, config.baseUrl);
  registerCertificateAdminRoutes(app, dataSource, config.baseUrl);
  registerCertificatePublicRoutes(app, dataSource, config.baseUrl);
}
