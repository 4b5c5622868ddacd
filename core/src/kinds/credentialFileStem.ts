import type { IssueKind } from "./IssueKind";

/**
 * The name a credential's file is given before `.json` (credentialFileNamer adds it): the student id for an award,
 * `<student id>-transcript`, or `<student id>-<template id>` for a letter, so one student's files of several kinds
 * sit side by side in one folder.
 */
export function credentialFileStem(studentId: string, kind: IssueKind): string {
  switch (kind.kind) {
    case "transcript":
      return `${studentId}-transcript`;
    case "letter":
      return `${studentId}-${kind.template.id}`;
    default:
      return studentId;
  }
}
