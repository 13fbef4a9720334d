echo "examples not yet written"
