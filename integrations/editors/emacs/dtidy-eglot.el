;;; dtidy-eglot.el --- dtidy language server for devicetree buffers -*- lexical-binding: t -*-

;; Load from your init file: (load "/path/to/dtidy-eglot.el")
;; Needs eglot (built in since Emacs 29) and a devicetree major mode:
;; dts-mode (GNU ELPA) or devicetree-ts-mode.

(require 'eglot)

(add-to-list 'eglot-server-programs
             '((dts-mode devicetree-ts-mode) . ("dtidy" "lsp")))

(defun dtidy-eglot-setup ()
  "Start dtidy in this buffer and format with it on save."
  (eglot-ensure)
  (add-hook 'before-save-hook #'eglot-format-buffer nil t))

(add-hook 'dts-mode-hook #'dtidy-eglot-setup)
(add-hook 'devicetree-ts-mode-hook #'dtidy-eglot-setup)

(provide 'dtidy-eglot)
;;; dtidy-eglot.el ends here
