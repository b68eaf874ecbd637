/**
 * The REST API ({@code /api/v1}): leads created and updated through the import's capture, activities, reads; API
 * keys issued by an admin; errors as RFC 9457 problem details in the caller's language; the OpenAPI document.
 */
package jp.nurture.leads.web.api;
