"""An upload handler that stops storing a file once it passes the configured size: a 100 MB file
then costs neither memory nor disk, and the page can still answer with the clear DEC110 message
(``services.upload.controleer_grootte``). Django's own limits do not do this:
``FILE_UPLOAD_MAX_MEMORY_SIZE`` only moves large files to a temporary file and
``DATA_UPLOAD_MAX_MEMORY_SIZE`` leaves file parts out of its count."""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

#: Room for the form's other fields (token, municipality, number: well under 1 KiB) in the request.
MARGE = 64 * 1024


class Uploadgrens(FileUploadHandler):
    def __init__(self, grens: int, request=None):
        super().__init__(request)
        self.grens = grens
        self.te_groot = False
        self.aangeboden = 0  # the size of the whole request, as announced

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.aangeboden = content_length or 0

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, content_type_extra=None):
        super().new_file(field_name, file_name, content_type, content_length, charset, content_type_extra)
        # A request that is bigger than the limit plus the other fields cannot carry an allowed file:
        # skip it at once, so not even the first 20 MB reach a temporary file.
        if self.aangeboden > self.grens + MARGE or (content_length or 0) > self.grens:
            self.te_groot = True
            raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.grens:
            # The other handlers' partial file is closed and removed; the rest is read and dropped.
            self.te_groot = True
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
