/**
 * Campaigns, email templates and nurture programs for marketers, and the public email endpoints under /m/**
 * (tracked clicks, open pixel, one-click unsubscribe, preference page) that recipients reach without signing in.
 */
package jp.nurture.leads.web.campaign;
